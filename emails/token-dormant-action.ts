import { formatWhen, renderLayout, type Brand, type RenderedEmail } from './layout'

export type TokenDormantActionProps = {
  name: string
  tokenName: string
  /** Its last use; null when it was never used. */
  lastUsedAt: Date | null
  action: 'disabled' | 'revoked'
  at: Date
}

export const exampleTokenDormantAction: TokenDormantActionProps = {
  name: 'Jane Doe',
  tokenName: 'jdoe-TP7K2M9QXA',
  lastUsedAt: new Date('2025-12-01T09:00:00Z'),
  action: 'disabled',
  at: new Date('2026-12-01T09:00:00Z'),
}

const NEXT = {
  disabled: 'It cannot be used to sign in until the helpdesk enables it again.',
  revoked: 'It can no longer be used to sign in. Ask for a new enrollment link if you need a token again.',
} as const

export function renderTokenDormantAction(brand: Brand, props: TokenDormantActionProps): RenderedEmail {
  const unused = props.lastUsedAt ? `it had not been used since ${formatWhen(props.lastUsedAt)}` : 'it had never been used'
  const done = props.action === 'disabled' ? 'was disabled' : 'was deleted'
  return renderLayout({
    brand,
    subject: props.action === 'disabled' ? 'Your unused sign-in token was disabled' : 'Your unused sign-in token was deleted',
    preheader: `${props.tokenName} ${done}.`,
    heading: `Hello ${props.name}`,
    blocks: [
      { kind: 'p', text: `Your token "${props.tokenName}" ${done} on ${formatWhen(props.at)} because ${unused}. You were warned by email beforehand. ${NEXT[props.action]}` },
      { kind: 'note', text: `If you need it, contact ${brand.supportContact}.` },
    ],
  })
}
