import { describe, expect, it } from 'vitest'
import { EMAIL_TEMPLATES, exampleProps, renderEmail, type Brand } from '@/emails'
import { emailTextsFrom, withEmailText, ZEmailText } from './email-texts'
import { previewEmail } from './preview-email'

const brand: Brand = { orgName: 'Example Corp', logoUrl: 'http://localhost:3000/logo.svg', color: '#0b5fff', supportContact: 'the Example helpdesk', appUrl: 'http://localhost:3000' }

describe('email text overrides', () => {
  it('leave every message as built when unset or empty', () => {
    for (const template of EMAIL_TEMPLATES) {
      expect(previewEmail({ template, brand })).toEqual(previewEmail({ template, brand: { ...brand, overrides: { [template]: {} } } }))
    }
  })

  it('replace the subject and the introduction in both parts, placeholders filled and escaped', () => {
    const built = previewEmail({ template: 'enrollment-invitation', brand })
    const text = { subject: 'Your {orgName} token, {name}', intro: '<b>Welcome</b> to {orgName}.\nAsk {supportContact} if stuck.' }
    const mail = previewEmail({ template: 'enrollment-invitation', brand, text })
    expect(mail.subject).toBe('Your Example Corp token, Jane Doe')
    expect(mail.html).toContain('&lt;b&gt;Welcome&lt;/b&gt; to Example Corp.</p>')
    expect(mail.html).toContain('Ask the Example helpdesk if stuck.</p>')
    expect(mail.html).not.toContain('<b>Welcome')
    expect(mail.text).toContain('<b>Welcome</b> to Example Corp.\n\nAsk the Example helpdesk if stuck.')
    // Only the introduction changes: the built-in first paragraph goes, the rest (the link) stays.
    expect(built.text).toContain('uses one-time passcodes')
    expect(mail.text).not.toContain('uses one-time passcodes')
    expect(mail.text).toContain('http://localhost:3000/enroll/EXAMPLE-LINK-TOKEN')
    expect(mail.html).toContain('Set up my token')
  })

  it('apply the saved texts in renderEmail, the function the sender uses', () => {
    const overrides = emailTextsFrom({ emailTemplates: withEmailText({}, 'pin-changed', { subject: 'PIN news from {orgName}', intro: '' }) })
    const sent = renderEmail('pin-changed', { ...brand, overrides }, { name: 'Ann', tokenName: 't', at: new Date(0), byHelpdesk: false })
    expect(sent.subject).toBe('PIN news from Example Corp')
    expect(renderEmail('token-locked', { ...brand, overrides }, exampleProps('token-locked')).subject).not.toContain('PIN news')
  })

  it('validate: one-line subject, lengths and known placeholders only', () => {
    expect(ZEmailText.safeParse({ subject: 'Hi {name}', intro: '' }).success).toBe(true)
    const bad = ZEmailText.safeParse({ subject: 'Hi {user}\nthere', intro: 'x'.repeat(1001) })
    expect(bad.success).toBe(false)
    const messages = bad.error!.issues.map((i) => i.message)
    expect(messages).toContain('The subject is one line.')
    expect(messages).toContain('Unknown placeholder {user}; use {orgName}, {supportContact}, {name}.')
    expect(messages).toContain('Keep the introduction to 1,000 characters.')
  })

  it('store only what is overridden, and ignore malformed or unknown saved entries', () => {
    expect(withEmailText({ 'pin-changed': { subject: 'A' } }, 'pin-changed', { subject: '', intro: '' })).toBeNull()
    expect(emailTextsFrom({ emailTemplates: '{"nope":{"subject":"x"},"pin-changed":{"subject":"ok"},"token-locked":{"subject":7}}' })).toEqual({ 'pin-changed': { subject: 'ok' } })
    expect(emailTextsFrom({ emailTemplates: 'not json' })).toEqual({})
  })
})
