import { exampleProps, renderEmail, type Brand, type EmailTemplate, type RenderedEmail } from '@/emails'
import type { EmailText } from './email-texts'

/**
 * One message rendered with its example props and the given (possibly
 * unsaved) text, by the same renderEmail that sending uses.
 */
export function previewEmail({ template, brand, text }: { template: EmailTemplate; brand: Brand; text?: EmailText }): RenderedEmail {
  const overrides = text === undefined ? brand.overrides : { ...brand.overrides, [template]: text }
  return renderEmail(template, { ...brand, overrides }, exampleProps(template))
}
