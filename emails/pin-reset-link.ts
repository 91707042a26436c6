import { formatWhen, renderLayout, type Brand, type RenderedEmail } from './layout'

export type PinResetLinkProps = { name: string; link: string; expiresAt: Date; byHelpdesk: boolean }

export const examplePinResetLink: PinResetLinkProps = {
  name: 'Jane Doe',
  link: 'http://localhost:3000/forgot-pin/EXAMPLE-LINK-TOKEN',
  expiresAt: new Date('2026-11-24T10:00:00Z'),
  byHelpdesk: false,
}

export function renderPinResetLink(brand: Brand, props: PinResetLinkProps): RenderedEmail {
  return renderLayout({
    brand,
    subject: 'Set a new PIN for your sign-in token',
    preheader: 'Choose a new PIN; you will need your token’s app to do it.',
    heading: `Hello ${props.name}, set a new PIN`,
    blocks: [
      {
        kind: 'p',
        text: props.byHelpdesk
          ? 'The helpdesk reset your PIN. Choose a new one with this link: you will type a code from your token’s app, then your new PIN twice.'
          : 'You asked to set a new PIN. Open this link, type a code from your token’s app, then your new PIN twice.',
      },
      { kind: 'button', label: 'Set a new PIN', url: props.link },
      { kind: 'note', text: `It works once, until ${formatWhen(props.expiresAt)}. Nobody from the helpdesk will ever ask you for your PIN.` },
      { kind: 'note', text: `Did not ask for this? You can ignore this email: without a code from your app the link is useless. Tell ${brand.supportContact} if it happens again.` },
    ],
  })
}
