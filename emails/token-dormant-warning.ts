import { formatWhen, renderLayout, type Brand, type RenderedEmail } from './layout'

export type TokenDormantWarningProps = {
  name: string
  tokenName: string
  /** Its last use; null when it was never used (then `since` is its activation). */
  lastUsedAt: Date | null
  since: Date
  /** The earliest moment the action is taken if the token stays unused. */
  actionAt: Date
  action: 'disable' | 'revoke'
  portalUrl: string
}

export const exampleTokenDormantWarning: TokenDormantWarningProps = {
  name: 'Jane Doe',
  tokenName: 'jdoe-TP7K2M9QXA',
  lastUsedAt: new Date('2025-12-01T09:00:00Z'),
  since: new Date('2025-12-01T09:00:00Z'),
  actionAt: new Date('2026-12-01T09:00:00Z'),
  action: 'disable',
  portalUrl: 'http://localhost:3000/sign-in',
}

export function renderTokenDormantWarning(brand: Brand, props: TokenDormantWarningProps): RenderedEmail {
  const unused = props.lastUsedAt ? `has not been used since ${formatWhen(props.lastUsedAt)}` : `has never been used since it was set up on ${formatWhen(props.since)}`
  const outcome = props.action === 'disable' ? 'disabled (the helpdesk can enable it again)' : 'deleted for good'
  return renderLayout({
    brand,
    subject: 'Your sign-in token will be switched off soon',
    preheader: `Use ${props.tokenName} before ${formatWhen(props.actionAt)} to keep it.`,
    heading: `Hello ${props.name}, do you still use this token?`,
    blocks: [
      { kind: 'p', text: `Your token "${props.tokenName}" ${unused}. Unused tokens are switched off: if it is still unused on ${formatWhen(props.actionAt)}, it will be ${outcome}.` },
      { kind: 'p', text: 'To keep it, sign in with it once before then, for example to the portal with your PIN and the code it shows. Nothing else is needed.' },
      { kind: 'button', label: 'Sign in to the portal', url: props.portalUrl },
      { kind: 'note', text: `If you no longer need it, you can ignore this email. Questions: ${brand.supportContact}.` },
    ],
  })
}
