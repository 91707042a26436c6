import { formatWhen, renderLayout, type Brand, type RenderedEmail } from './layout'

export type TokenChangedProps =
  | { name: string; at: Date; change: 'renamed'; tokenName: string; previousName: string }
  | { name: string; at: Date; change: 'resynced'; tokenName: string }

export const exampleTokenChanged: TokenChangedProps = {
  name: 'Jane Doe',
  at: new Date('2026-11-24T09:00:00Z'),
  change: 'renamed',
  tokenName: 'Work phone',
  previousName: 'jdoe-TP7K2M9QXA',
}

export function renderTokenChanged(brand: Brand, props: TokenChangedProps): RenderedEmail {
  const what =
    props.change === 'renamed'
      ? `Your token "${props.previousName}" was renamed to "${props.tokenName}" on ${formatWhen(props.at)}.`
      : `Your token "${props.tokenName}" was brought back in step with its app on ${formatWhen(props.at)}.`
  return renderLayout({
    brand,
    subject: props.change === 'renamed' ? 'Your sign-in token was renamed' : 'Your sign-in token was resynchronised',
    preheader: what,
    heading: `Hello ${props.name}`,
    blocks: [
      { kind: 'p', text: what },
      { kind: 'note', text: `If this was not you, contact ${brand.supportContact} straight away.` },
    ],
  })
}
