'use server'

import { headers } from 'next/headers'
import type { FormState } from '@/components/forms/form-state'
import { requireStaff, staffActor } from '@/lib/auth'
import { requestContext } from '@/lib/http'
import { emailTextsFrom, isEmailTemplate, withEmailText, ZEmailText } from '@/lib/mail'
import { getSettings, updateSettings } from '@/lib/settings'

// Thin: authorize → validate → act → respond. "Preview" only answers the
// checked text back (the page's frames then render it); "Save" stores it
// through updateSettings (audited, old and new). Administrators only.

const PAGE = '/admin/branding/emails'
const field = (formData: FormData, name: string, max: number) => {
  const value = formData.get(name)
  return typeof value === 'string' ? value.slice(0, max) : ''
}

export async function saveEmailTextAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await requireStaff({ role: 'ADMIN', returnTo: PAGE })
  const template = field(formData, 'template', 64)
  const values = { subject: field(formData, 'subject', 400), intro: field(formData, 'intro', 2000) }
  if (!isEmailTemplate(template)) return { errors: { form: ['Unknown email template.'] }, values }
  const parsed = ZEmailText.safeParse(values)
  if (!parsed.success) {
    const errors: Record<string, string[]> = {}
    for (const issue of parsed.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message)
    return { errors, values }
  }
  if (formData.get('intent') === 'preview') return { values: parsed.data, notice: 'Preview updated. Not saved yet.' }
  const settings = await getSettings()
  const emailTemplates = withEmailText(emailTextsFrom(settings), template, parsed.data)
  await updateSettings({ changes: { emailTemplates }, actor: staffActor(session), context: requestContext(await headers()), section: 'branding' })
  return { values: parsed.data, notice: parsed.data.subject || parsed.data.intro ? 'Saved. The next email of this kind uses this text.' : 'Saved. This email uses its built-in text again.' }
}
