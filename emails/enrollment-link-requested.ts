import { formatWhen, renderLayout, type Brand, type RenderedEmail } from './layout'

export type EnrollmentLinkRequestedProps = { name: string; link: string; expiresAt: Date }

export const exampleEnrollmentLinkRequested: EnrollmentLinkRequestedProps = {
  name: 'Jane Doe',
  link: 'http://localhost:3000/enroll/EXAMPLE-LINK-TOKEN',
  expiresAt: new Date('2026-12-01T09:00:00Z'),
}

export function renderEnrollmentLinkRequested(brand: Brand, props: EnrollmentLinkRequestedProps): RenderedEmail {
  return renderLayout({
    brand,
    subject: `Your new enrollment link for ${brand.orgName}`,
    preheader: 'You asked for a new link to set up your sign-in token.',
    heading: `Hello ${props.name}, here is your new link`,
    blocks: [
      { kind: 'p', text: 'You asked for a new link to set up your sign-in token. A link you already had keeps working until it expires; whichever you finish first cancels the others.' },
      { kind: 'button', label: 'Set up my token', url: props.link },
      { kind: 'note', text: `This link is for you only and works until ${formatWhen(props.expiresAt)}.` },
      { kind: 'note', text: 'You can forward this email to your phone and open the link there.' },
      { kind: 'note', text: `Did not ask for this? Someone may have typed your username by mistake. Do not open the link; tell ${brand.supportContact} if it happens again.` },
    ],
  })
}
