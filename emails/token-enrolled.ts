import { formatWhen, renderLayout, type Brand, type RenderedEmail } from './layout'

export type TokenEnrolledProps = { name: string; tokenName: string; serial: string; at: Date }

export const exampleTokenEnrolled: TokenEnrolledProps = {
  name: 'Jane Doe',
  tokenName: 'jdoe-TP7K2M9QXA',
  serial: 'TP7K2M9QXA',
  at: new Date('2026-11-24T09:00:00Z'),
}

export function renderTokenEnrolled(brand: Brand, props: TokenEnrolledProps): RenderedEmail {
  return renderLayout({
    brand,
    subject: 'A sign-in token was added to your account',
    preheader: `${props.tokenName} is ready to use.`,
    heading: `Hello ${props.name}, your token is ready`,
    blocks: [
      { kind: 'p', text: `The token "${props.tokenName}" (serial ${props.serial}) was set up on ${formatWhen(props.at)}.` },
      { kind: 'p', text: 'From now on, sign in with your username and a passcode: your PIN followed by the code your app shows.' },
      { kind: 'note', text: `If you did not set up this token, contact ${brand.supportContact} straight away.` },
    ],
  })
}
