import { formatWhen, renderLayout, type Brand, type RenderedEmail } from './layout'

export type PinExpiringProps = { name: string; tokenName: string; expiresAt: Date; portalUrl: string }

export const examplePinExpiring: PinExpiringProps = {
  name: 'Jane Doe',
  tokenName: 'jdoe-TP7K2M9QXA',
  expiresAt: new Date('2026-12-08T09:00:00Z'),
  portalUrl: 'http://localhost:3000/tokens',
}

export function renderPinExpiring(brand: Brand, props: PinExpiringProps): RenderedEmail {
  return renderLayout({
    brand,
    subject: 'Time to change the PIN of your sign-in token',
    preheader: `Your PIN expires on ${formatWhen(props.expiresAt)}.`,
    heading: `Hello ${props.name}, please choose a new PIN`,
    blocks: [
      { kind: 'p', text: `The PIN of "${props.tokenName}" expires on ${formatWhen(props.expiresAt)}. Change it in the portal before then: sign in, open the token and choose "Change PIN".` },
      { kind: 'button', label: 'Manage my tokens', url: props.portalUrl },
      { kind: 'note', text: 'Once it has expired, the portal asks for a new PIN the next time you sign in.' },
    ],
  })
}
