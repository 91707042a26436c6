import { formatWhen, renderLayout, type Brand, type RenderedEmail } from './layout'

export type StaffSetupProps = { name: string; username: string; role: 'helpdesk' | 'admin'; link: string; expiresAt: Date }

export const exampleStaffSetup: StaffSetupProps = {
  name: 'Alex Admin',
  username: 'alex',
  role: 'helpdesk',
  link: 'http://localhost:3000/staff/setup/EXAMPLE-LINK-TOKEN',
  expiresAt: new Date('2026-11-25T09:00:00Z'),
}

export function renderStaffSetup(brand: Brand, props: StaffSetupProps): RenderedEmail {
  const console = props.role === 'admin' ? 'administration' : 'helpdesk'
  return renderLayout({
    brand,
    subject: `Set up your ${brand.orgName} ${console} account`,
    preheader: 'Choose a password and add an authenticator app to sign in.',
    heading: `Hello ${props.name}, your ${console} account is ready to set up`,
    blocks: [
      { kind: 'p', text: `Your username is ${props.username}. Open the link to choose a password and add this account to an authenticator app on your phone: staff sign in with both.` },
      { kind: 'button', label: 'Set up my account', url: props.link },
      { kind: 'note', text: `The link works once, until ${formatWhen(props.expiresAt)}.` },
      { kind: 'note', text: `Not expecting this? Do not open the link, and tell ${brand.supportContact}.` },
    ],
  })
}
