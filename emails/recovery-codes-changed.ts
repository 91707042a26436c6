import { formatWhen, renderLayout, type Brand, type RenderedEmail } from './layout'

export type RecoveryCodesChangedProps =
  | { name: string; at: Date; change: 'created'; count: number }
  | { name: string; at: Date; change: 'used'; remaining: number }

export const exampleRecoveryCodesChanged: RecoveryCodesChangedProps = { name: 'Jane Doe', at: new Date('2026-11-24T09:00:00Z'), change: 'created', count: 10 }

export function renderRecoveryCodesChanged(brand: Brand, props: RecoveryCodesChangedProps): RenderedEmail {
  const what =
    props.change === 'created'
      ? `New recovery codes (${props.count}) were created for your account on ${formatWhen(props.at)}. Any earlier ones no longer work.`
      : `One of your recovery codes was used to sign in on ${formatWhen(props.at)}. ${props.remaining === 1 ? '1 code is' : `${props.remaining} codes are`} left.`
  return renderLayout({
    brand,
    subject: props.change === 'created' ? 'New recovery codes for your account' : 'A recovery code was used',
    preheader: what,
    heading: `Hello ${props.name}`,
    blocks: [
      { kind: 'p', text: what },
      { kind: 'note', text: `If this was not you, contact ${brand.supportContact} straight away.` },
    ],
  })
}
