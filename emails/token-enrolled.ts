import { formatWhen, renderLayout, type Brand, type RenderedEmail } from './layout'

export type TokenEnrolledProps = {
  name: string
  tokenName: string
  serial: string
  at: Date
  /** Tokens this one replaced, which stopped working at that moment. */
  replaced?: { name: string; serial: string }[]
}

export const exampleTokenEnrolled: TokenEnrolledProps = {
  name: 'Jane Doe',
  tokenName: 'jdoe-TP7K2M9QXA',
  serial: 'TP7K2M9QXA',
  at: new Date('2026-11-24T09:00:00Z'),
  replaced: [{ name: 'jdoe-TP3H8W2C4N', serial: 'TP3H8W2C4N' }],
}

export function renderTokenEnrolled(brand: Brand, props: TokenEnrolledProps): RenderedEmail {
  const replaced = props.replaced ?? []
  return renderLayout({
    brand,
    subject: 'A sign-in token was added to your account',
    preheader: `${props.tokenName} is ready to use.`,
    heading: `Hello ${props.name}, your token is ready`,
    blocks: [
      { kind: 'p', text: `The token "${props.tokenName}" (serial ${props.serial}) was set up on ${formatWhen(props.at)}.` },
      ...(replaced.length
        ? [{ kind: 'p' as const, text: `It replaces ${replaced.map((t) => `"${t.name}" (serial ${t.serial})`).join(', ')}, which no longer works.` }]
        : []),
      { kind: 'p', text: 'From now on, sign in with your username and a passcode: your PIN followed by the code your app shows.' },
      {
        kind: 'note',
        text: replaced.length
          ? `If this wasn't you, someone else now holds your sign-in token: contact ${brand.supportContact} straight away.`
          : `If you did not set up this token, contact ${brand.supportContact} straight away.`,
      },
    ],
  })
}
