import { formatWhen, renderLayout, type Brand, type RenderedEmail } from './layout'

export type TokenLockedProps = {
  name: string
  tokenName: string
  failures: number
  at: Date
  /** When the lock lifts by itself; null when only the helpdesk can lift it. */
  unlocksAt: Date | null
}

export const exampleTokenLocked: TokenLockedProps = {
  name: 'Jane Doe',
  tokenName: 'jdoe-TP7K2M9QXA',
  failures: 10,
  at: new Date('2026-11-24T09:00:00Z'),
  unlocksAt: new Date('2026-11-24T09:15:00Z'),
}

export function renderTokenLocked(brand: Brand, props: TokenLockedProps): RenderedEmail {
  const until = props.unlocksAt
    ? `It unlocks by itself at ${formatWhen(props.unlocksAt)}; until then it cannot be used to sign in.`
    : `It stays locked until ${brand.supportContact} unlocks it.`
  return renderLayout({
    brand,
    subject: 'Your sign-in token was locked',
    preheader: `${props.tokenName} was locked after ${props.failures} wrong passcodes.`,
    heading: `Hello ${props.name}, your token was locked`,
    blocks: [
      { kind: 'p', text: `Your token "${props.tokenName}" was locked on ${formatWhen(props.at)} after ${props.failures} wrong passcodes in a row. ${until}` },
      { kind: 'p', text: 'A passcode is your PIN followed by the code your app shows at that moment.' },
      { kind: 'note', text: `If this wasn't you, someone may be trying to sign in as you: tell ${brand.supportContact} straight away.` },
    ],
  })
}
