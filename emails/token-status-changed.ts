import { formatWhen, renderLayout, type Brand, type RenderedEmail } from './layout'

export type TokenStatusChangedProps = {
  name: string
  tokenName: string
  status: 'disabled' | 'enabled' | 'unlocked' | 'lost' | 'revoked'
  at: Date
  /** Who did it, when it was not the user: "the helpdesk". */
  by?: string
}

export const exampleTokenStatusChanged: TokenStatusChangedProps = {
  name: 'Jane Doe',
  tokenName: 'jdoe-TP7K2M9QXA',
  status: 'lost',
  at: new Date('2026-11-24T09:00:00Z'),
}

const WORDING = {
  disabled: { subject: 'Your sign-in token was disabled', text: 'was disabled', next: 'It cannot be used to sign in until it is enabled again.' },
  enabled: { subject: 'Your sign-in token was enabled again', text: 'was enabled again', next: 'It works for signing in again, with your PIN.' },
  unlocked: { subject: 'Your sign-in token was unlocked', text: 'was unlocked', next: 'It works for signing in again. Too many wrong passcodes lock it again.' },
  lost: { subject: 'Your sign-in token was reported lost', text: 'was reported lost', next: 'It can no longer be used to sign in. Ask for a new enrollment link to set up a replacement.' },
  revoked: { subject: 'Your sign-in token was revoked', text: 'was revoked', next: 'It can no longer be used to sign in. Ask for a new enrollment link if you need a token.' },
} as const

export function renderTokenStatusChanged(brand: Brand, props: TokenStatusChangedProps): RenderedEmail {
  const w = WORDING[props.status]
  return renderLayout({
    brand,
    subject: w.subject,
    preheader: `${props.tokenName} ${w.text}.`,
    heading: `Hello ${props.name}`,
    blocks: [
      { kind: 'p', text: `Your token "${props.tokenName}" ${w.text}${props.by ? ` by ${props.by}` : ''} on ${formatWhen(props.at)}. ${w.next}` },
      { kind: 'note', text: `If you did not expect this, contact ${brand.supportContact}.` },
    ],
  })
}
