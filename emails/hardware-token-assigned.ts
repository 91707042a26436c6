import { formatWhen, renderLayout, type Brand, type RenderedEmail } from './layout'

export type HardwareTokenAssignedProps = { name: string; serial: string; link: string; expiresAt: Date }

export const exampleHardwareTokenAssigned: HardwareTokenAssignedProps = {
  name: 'Jane Doe',
  serial: 'GALT00012345',
  link: 'http://localhost:3000/activate/EXAMPLE-LINK-TOKEN',
  expiresAt: new Date('2026-12-01T09:00:00Z'),
}

export function renderHardwareTokenAssigned(brand: Brand, props: HardwareTokenAssignedProps): RenderedEmail {
  return renderLayout({
    brand,
    subject: `Activate your hardware token for ${brand.orgName}`,
    preheader: `Token ${props.serial} is yours: type a code from it and choose a PIN.`,
    heading: `Hello ${props.name}, your hardware token is ready`,
    blocks: [
      { kind: 'p', text: `${brand.orgName} has given you the hardware token with serial number ${props.serial} (printed on its back). Activating it takes a minute:` },
      {
        kind: 'steps',
        items: ['Have the token in your hand and open the link below.', 'Press the token’s button and type the code it shows.', 'Choose a PIN.'],
      },
      { kind: 'button', label: 'Activate my token', url: props.link },
      { kind: 'note', text: `This link is for you only and works until ${formatWhen(props.expiresAt)}.` },
      { kind: 'note', text: `Did not expect this email, or do not have the token ${props.serial}? Do not open the link; tell ${brand.supportContact}.` },
    ],
  })
}
