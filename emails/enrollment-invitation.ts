import { formatWhen, renderLayout, type Brand, type RenderedEmail } from './layout'

export type EnrollmentInvitationProps = { name: string; link: string; expiresAt: Date }

export const exampleEnrollmentInvitation: EnrollmentInvitationProps = {
  name: 'Jane Doe',
  link: 'http://localhost:3000/enroll/EXAMPLE-LINK-TOKEN',
  expiresAt: new Date('2026-12-01T09:00:00Z'),
}

export function renderEnrollmentInvitation(brand: Brand, props: EnrollmentInvitationProps): RenderedEmail {
  return renderLayout({
    brand,
    subject: `Set up your sign-in token for ${brand.orgName}`,
    preheader: 'About five minutes: install an authenticator app, add your token, choose a PIN.',
    heading: `Hello ${props.name}, set up your sign-in token`,
    blocks: [
      { kind: 'p', text: `${brand.orgName} uses one-time passcodes to protect VPN and remote desktop sign-in. Setting yours up takes about five minutes:` },
      {
        kind: 'steps',
        items: [
          'Open the link below on your phone or computer.',
          'Install an authenticator app if you do not have one (the page shows the right store for your device).',
          'Add your token to the app, type the code it shows, then choose a PIN.',
        ],
      },
      { kind: 'button', label: 'Set up my token', url: props.link },
      { kind: 'note', text: `This link is for you only and works until ${formatWhen(props.expiresAt)}.` },
      { kind: 'note', text: 'Reading this on a computer? You can forward this email to your phone and open the link there.' },
      { kind: 'note', text: `Did not expect this email? Do not open the link; tell ${brand.supportContact}.` },
    ],
  })
}
