import { z } from 'zod'
import { EMAIL_PLACEHOLDERS, EMAIL_TEMPLATES, type EmailTemplate } from '@/emails'

/** An admin's subject and introduction for one message; empty = the built-in text. */
export type EmailText = { subject?: string; intro?: string }
export type EmailTexts = Partial<Record<EmailTemplate, EmailText>>

const PLACEHOLDER = /\{([^{}]*)\}/g
const unknownPlaceholders = (text: string) =>
  [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((p) => !(EMAIL_PLACEHOLDERS as readonly string[]).includes(p))
const placeholderMessage = (text: string) => {
  const unknown = unknownPlaceholders(text)
  return unknown.length ? `Unknown placeholder ${unknown.map((p) => `{${p}}`).join(', ')}; use ${EMAIL_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.` : null
}

export const ZEmailText = z.object({
  subject: z
    .string()
    .trim()
    .max(150, 'Keep the subject to 150 characters.')
    .refine((s) => !/[\r\n]/.test(s), 'The subject is one line.')
    .superRefine((s, ctx) => {
      const message = placeholderMessage(s)
      if (message) ctx.addIssue({ code: 'custom', message })
    }),
  intro: z
    .string()
    .trim()
    .max(1000, 'Keep the introduction to 1,000 characters.')
    .superRefine((s, ctx) => {
      const message = placeholderMessage(s)
      if (message) ctx.addIssue({ code: 'custom', message })
    }),
})
export type TEmailText = z.infer<typeof ZEmailText>

export function isEmailTemplate(value: unknown): value is EmailTemplate {
  return typeof value === 'string' && (EMAIL_TEMPLATES as string[]).includes(value)
}

/** The saved overrides (Settings.emailTemplates JSON); anything malformed is ignored, so mail always goes out. */
export function emailTextsFrom(settings: { emailTemplates: string | null }): EmailTexts {
  if (!settings.emailTemplates) return {}
  let raw: unknown
  try {
    raw = JSON.parse(settings.emailTemplates)
  } catch {
    return {}
  }
  if (!raw || typeof raw !== 'object') return {}
  const texts: EmailTexts = {}
  for (const [template, value] of Object.entries(raw)) {
    const parsed = ZEmailText.partial().safeParse(value)
    if (!isEmailTemplate(template) || !parsed.success) continue
    const { subject, intro } = parsed.data
    if (subject || intro) texts[template] = { ...(subject ? { subject } : {}), ...(intro ? { intro } : {}) }
  }
  return texts
}

/** The JSON to store with one message's text replaced (both empty: back to the built-in text); null when nothing is overridden. */
export function withEmailText(texts: EmailTexts, template: EmailTemplate, text: TEmailText): string | null {
  const next: EmailTexts = { ...texts }
  if (text.subject || text.intro) next[template] = { ...(text.subject ? { subject: text.subject } : {}), ...(text.intro ? { intro: text.intro } : {}) }
  else delete next[template]
  return Object.keys(next).length ? JSON.stringify(next) : null
}

/** "enrollment-invitation" → "Enrollment invitation". */
export function emailTemplateLabel(template: EmailTemplate): string {
  const words = template.replace(/-/g, ' ').replace(/\bpin\b/, 'PIN')
  return words.charAt(0).toUpperCase() + words.slice(1)
}
