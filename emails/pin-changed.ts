import { formatWhen, renderLayout, type Brand, type RenderedEmail } from './layout'

export type PinChangedProps = { name: string; tokenName: string; at: Date; byHelpdesk: boolean }

export const examplePinChanged: PinChangedProps = {
  name: 'Jane Doe',
  tokenName: 'jdoe-TP7K2M9QXA',
  at: new Date('2026-11-24T09:00:00Z'),
  byHelpdesk: false,
}

export function renderPinChanged(brand: Brand, props: PinChangedProps): RenderedEmail {
  return renderLayout({
    brand,
    subject: props.byHelpdesk ? 'The PIN of your sign-in token was reset' : 'The PIN of your sign-in token was changed',
    preheader: `${props.tokenName}: PIN ${props.byHelpdesk ? 'reset' : 'changed'}.`,
    heading: `Hello ${props.name}`,
    blocks: [
      {
        kind: 'p',
        text: props.byHelpdesk
          ? `The helpdesk reset the PIN of "${props.tokenName}" on ${formatWhen(props.at)}. You will choose a new PIN the next time you set it in the portal.`
          : `The PIN of "${props.tokenName}" was changed on ${formatWhen(props.at)}.`,
      },
      { kind: 'note', text: `If this was not you, contact ${brand.supportContact} straight away.` },
    ],
  })
}
