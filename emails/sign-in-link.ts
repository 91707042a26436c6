import { formatWhen, renderLayout, type Brand, type RenderedEmail } from './layout'

export type SignInLinkProps = { name: string; link: string; expiresAt: Date }

export const exampleSignInLink: SignInLinkProps = {
  name: 'Jane Doe',
  link: 'http://localhost:3000/sign-in/link/EXAMPLE-LINK-TOKEN',
  expiresAt: new Date('2026-11-24T09:15:00Z'),
}

export function renderSignInLink(brand: Brand, props: SignInLinkProps): RenderedEmail {
  return renderLayout({
    brand,
    subject: `Sign in to ${brand.orgName} without your token`,
    preheader: 'The link you asked for, to report a lost token and set up a new one.',
    heading: `Hello ${props.name}, here is your sign-in link`,
    blocks: [
      { kind: 'p', text: 'You asked to sign in without your token. This link lets you report your token lost and set up a new one; nothing else.' },
      { kind: 'button', label: 'Sign in', url: props.link },
      { kind: 'note', text: `It works once, until ${formatWhen(props.expiresAt)}.` },
      { kind: 'note', text: `Did not ask for this? Do not open the link, and tell ${brand.supportContact}: someone may be trying to get into your account.` },
    ],
  })
}
