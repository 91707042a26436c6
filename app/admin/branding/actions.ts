'use server'

import { revalidatePath } from 'next/cache'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import type { FormState } from '@/components/forms/form-state'
import { requireStaff, staffActor } from '@/lib/auth'
import { checkAuthenticatorAppsInput, checkBrandingInput, checkRulesOfUseInput, LOGO_MAX_BYTES, MAX_APPS, removeLogo, saveLogo, STORE_PLATFORMS } from '@/lib/branding'
import { requestContext } from '@/lib/http'
import { updateSettings, type SettingsChanges } from '@/lib/settings'

// Thin: authorize → validate → act → respond. Administrators only, checked
// here as on the page; every change goes through updateSettings, which
// audits each field's old and new value. CSRF: proxy.ts refuses posts from
// other sites. Nothing is written unless the whole form is valid.

const PAGE = '/admin/branding'

/** Saved: back to the page, its layout (header, colour) rendered afresh too. */
function done(what: string): never {
  revalidatePath('/', 'layout')
  redirect(`${PAGE}?done=${what}`)
}
const field = (formData: FormData, name: string, max = 256) => {
  const value = formData.get(name)
  return typeof value === 'string' ? value.slice(0, max) : ''
}

async function save(changes: SettingsChanges, what: string): Promise<never> {
  const session = await requireStaff({ role: 'ADMIN', returnTo: PAGE })
  await updateSettings({ changes, actor: staffActor(session), context: requestContext(await headers()), section: 'branding' })
  return done(what)
}

export async function saveOrganisationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  await requireStaff({ role: 'ADMIN', returnTo: PAGE })
  const values = { orgName: field(formData, 'orgName', 200), otpIssuer: field(formData, 'otpIssuer', 200), brandColor: field(formData, 'brandColor', 32), supportContact: field(formData, 'supportContact', 300) }
  const checked = checkBrandingInput(values)
  if (!checked.ok) return { errors: checked.errors, values }
  return save(checked.changes, 'organisation')
}

export async function uploadLogoAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await requireStaff({ role: 'ADMIN', returnTo: PAGE })
  const file = formData.get('logo')
  if (!(file instanceof File) || file.size === 0) return { errors: { logo: ['Choose a logo file to upload.'] } }
  // Refused before reading a byte more than the limit allows.
  if (file.size > LOGO_MAX_BYTES) return { errors: { logo: [`The logo is ${Math.ceil(file.size / 1024)} KB; it must be at most 200 KB.`] } }
  const saved = await saveLogo({ bytes: new Uint8Array(await file.arrayBuffer()), actor: staffActor(session), context: requestContext(await headers()) })
  if (!saved.ok) return { errors: { logo: [saved.message] } }
  return done('logo')
}

export async function removeLogoAction(): Promise<void> {
  const session = await requireStaff({ role: 'ADMIN', returnTo: PAGE })
  await removeLogo({ actor: staffActor(session), context: requestContext(await headers()) })
  done('logo-removed')
}

export async function saveAuthenticatorAppsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  await requireStaff({ role: 'ADMIN', returnTo: PAGE })
  const rows = Math.min(Math.max(Number(field(formData, 'rows', 4)) || 0, 0), MAX_APPS + 2)
  const values: Record<string, string> = {}
  for (let i = 0; i < rows; i++) {
    for (const name of ['name', 'note', ...STORE_PLATFORMS.map((p) => p.key)]) values[`apps.${i}.${name}`] = field(formData, `apps.${i}.${name}`, 400)
  }
  const checked = checkAuthenticatorAppsInput(values, rows)
  if (!checked.ok) return { errors: checked.errors, values }
  return save(checked.changes, 'apps')
}

export async function saveRulesOfUseAction(_previous: FormState, formData: FormData): Promise<FormState> {
  await requireStaff({ role: 'ADMIN', returnTo: PAGE })
  const values = { rulesOfUse: field(formData, 'rulesOfUse', 10_000) }
  const checked = checkRulesOfUseInput(values.rulesOfUse)
  if (!checked.ok) return { errors: checked.errors, values }
  return save(checked.changes, 'rules')
}
