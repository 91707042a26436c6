import { z } from 'zod'
import { authenticatorAppsFrom, DEFAULT_AUTHENTICATOR_APPS, DEFAULT_RULES_OF_USE, type AuthenticatorApp, type StorePlatform } from '@/lib/policy'
import { checkBrandColour } from './contrast'

type Problems = Record<string, string[]>
type Checked<T> = { ok: true; changes: T } | { ok: false; errors: Problems }

const oneLine = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(max, `Keep the ${label} to ${max} characters.`)
    .refine((s) => !/[\u0000-\u001f<>]/.test(s), `The ${label} cannot contain < or > or control characters.`)

export const ZBrandingInput = z.object({
  orgName: oneLine('organisation name', 80),
  otpIssuer: oneLine('issuer', 40).refine((s) => !s.includes(':'), 'The issuer cannot contain a colon (authenticator apps use it as a separator).'),
  supportContact: oneLine('support contact', 120),
  brandColor: z.string(),
})
export type TBrandingInput = z.infer<typeof ZBrandingInput>

const problemsOf = (error: z.ZodError): Problems => {
  const errors: Problems = {}
  for (const issue of error.issues) (errors[String(issue.path[0] ?? 'form')] ??= []).push(issue.message)
  return errors
}

/** Organisation name, OTP issuer, support contact and colour, every problem at once. */
export function checkBrandingInput(input: Record<string, string>): Checked<TBrandingInput> {
  const parsed = ZBrandingInput.safeParse(input)
  const errors = parsed.success ? {} : problemsOf(parsed.error)
  const colour = checkBrandColour(input.brandColor ?? '')
  if (!colour.ok) errors.brandColor = [colour.message]
  if (!parsed.success || !colour.ok) return { ok: false, errors }
  return { ok: true, changes: { ...parsed.data, brandColor: colour.colour } }
}

export const STORE_PLATFORMS: { key: StorePlatform; label: string }[] = [
  { key: 'ios', label: 'iPhone and iPad (App Store)' },
  { key: 'android', label: 'Android (Google Play)' },
  { key: 'windows', label: 'Windows' },
  { key: 'macos', label: 'macOS' },
  { key: 'linux', label: 'Linux' },
]
/** Empty rows the form offers for new apps. */
export const EXTRA_APP_ROWS = 2
export const MAX_APPS = 12

const ZStoreLink = z
  .string()
  .trim()
  .max(300, 'Keep the link to 300 characters.')
  .refine((s) => {
    if (!s) return true
    try {
      const url = new URL(s)
      return url.protocol === 'https:' && !url.username && !url.password
    } catch {
      return false
    }
  }, 'Enter a full https:// link to the store page.')

/**
 * The apps form: rows `apps.<i>.name|note|<platform>`. A row without a name
 * is ignored (that is how an app is removed); a named app needs at least
 * one https store link. Answers the list to store (null when it equals the
 * defaults, so later default updates reach it).
 */
export function checkAuthenticatorAppsInput(form: Record<string, string>, rows: number): Checked<{ authenticatorApps: string | null }> {
  const errors: Problems = {}
  const apps: AuthenticatorApp[] = []
  for (let i = 0; i < rows; i++) {
    const at = (field: string) => (form[`apps.${i}.${field}`] ?? '').trim()
    const name = at('name')
    const links: Partial<Record<StorePlatform, string>> = {}
    for (const { key } of STORE_PLATFORMS) {
      const parsed = ZStoreLink.safeParse(at(key))
      if (!parsed.success) errors[`apps.${i}.${key}`] = [parsed.error.issues[0]!.message]
      else if (parsed.data) links[key] = parsed.data
    }
    if (!name) {
      if (Object.keys(links).length || at('note')) errors[`apps.${i}.name`] = ['Enter the app’s name, or clear the whole row to remove it.']
      continue
    }
    if (name.length > 60) errors[`apps.${i}.name`] = ['Keep the name to 60 characters.']
    if (at('note').length > 160) errors[`apps.${i}.note`] = ['Keep the note to 160 characters.']
    if (!Object.keys(links).length && !STORE_PLATFORMS.some(({ key }) => errors[`apps.${i}.${key}`])) errors[`apps.${i}.ios`] = ['Give at least one store link for this app.']
    apps.push({ name, ...(at('note') ? { note: at('note') } : {}), links })
  }
  if (!apps.length && !Object.keys(errors).length) errors.form = ['Offer at least one authenticator app.']
  if (apps.length > MAX_APPS) errors.form = [`Offer at most ${MAX_APPS} apps.`]
  if (Object.keys(errors).length) return { ok: false, errors }
  const json = JSON.stringify(apps)
  // Checked again by the reader's own schema: what is stored is what the enrollment page will show.
  if (authenticatorAppsFrom({ authenticatorApps: json }) === DEFAULT_AUTHENTICATOR_APPS && json !== JSON.stringify(DEFAULT_AUTHENTICATOR_APPS)) {
    return { ok: false, errors: { form: ['These apps could not be saved; check each name and link.'] } }
  }
  return { ok: true, changes: { authenticatorApps: json === JSON.stringify(DEFAULT_AUTHENTICATOR_APPS) ? null : json } }
}

/** Rules of use, one per line; empty = the defaults (null). */
export function checkRulesOfUseInput(text: string): Checked<{ rulesOfUse: string | null }> {
  const rules = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
  if (rules.length > 20) return { ok: false, errors: { rulesOfUse: ['Keep to 20 rules at most.'] } }
  if (rules.some((r) => r.length > 400)) return { ok: false, errors: { rulesOfUse: ['Keep each rule to 400 characters.'] } }
  const joined = rules.join('\n')
  return { ok: true, changes: { rulesOfUse: !joined || joined === DEFAULT_RULES_OF_USE.join('\n') ? null : joined } }
}
