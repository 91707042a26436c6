import { formatWhen, renderLayout, type Brand, type RenderedEmail } from './layout'

// Never carries the passcode itself: the helpdesk tells it to the user over a
// channel they have verified. This email only warns that one exists.
export type TemporaryPasscodeIssuedProps = { name: string; expiresAt: Date; singleUse: boolean }

export const exampleTemporaryPasscodeIssued: TemporaryPasscodeIssuedProps = {
  name: 'Jane Doe',
  expiresAt: new Date('2026-11-25T09:00:00Z'),
  singleUse: true,
}

export function renderTemporaryPasscodeIssued(brand: Brand, props: TemporaryPasscodeIssuedProps): RenderedEmail {
  return renderLayout({
    brand,
    subject: 'A temporary passcode was issued for your account',
    preheader: `Valid until ${formatWhen(props.expiresAt)}.`,
    heading: `Hello ${props.name}`,
    blocks: [
      {
        kind: 'p',
        text: `The helpdesk issued a temporary passcode for your account. It works ${props.singleUse ? 'once' : 'several times'} until ${formatWhen(props.expiresAt)}.`,
      },
      { kind: 'note', text: 'This email does not contain the passcode; the helpdesk gives it to you directly.' },
      { kind: 'note', text: `If you did not ask for one, contact ${brand.supportContact} straight away.` },
    ],
  })
}
