import { formatWhen, renderLayout, type Brand, type RenderedEmail } from './layout'

export type TemporaryPasscodeCancelledProps = { name: string; at: Date }

export const exampleTemporaryPasscodeCancelled: TemporaryPasscodeCancelledProps = {
  name: 'Jane Doe',
  at: new Date('2026-11-25T09:00:00Z'),
}

export function renderTemporaryPasscodeCancelled(brand: Brand, props: TemporaryPasscodeCancelledProps): RenderedEmail {
  return renderLayout({
    brand,
    subject: 'Your temporary passcode was cancelled',
    preheader: `It stopped working on ${formatWhen(props.at)}.`,
    heading: `Hello ${props.name}`,
    blocks: [
      { kind: 'p', text: `The helpdesk cancelled the temporary passcode for your account on ${formatWhen(props.at)}. It no longer works; sign in with your PIN and the code from your token.` },
      { kind: 'note', text: `If you still need one, contact ${brand.supportContact}.` },
    ],
  })
}
