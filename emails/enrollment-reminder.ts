import { formatWhen, renderLayout, type Brand, type RenderedEmail } from './layout'

/**
 * A reminder to someone who has not finished enrolling. Before they pressed
 * Start it carries a fresh link to the same invitation (the earlier link
 * stops working: only the newest link's keyed hash is kept), valid until the
 * invitation's own expiry. After Start (link null) the earlier link is left
 * alone, so a setup under way is never broken: it points back to it.
 */
export type EnrollmentReminderProps = { name: string; link: string | null; expiresAt: Date; daysSinceInvited: number }

export const exampleEnrollmentReminder: EnrollmentReminderProps = {
  name: 'Jane Doe',
  link: 'http://localhost:3000/enroll/EXAMPLE-LINK-TOKEN',
  expiresAt: new Date('2026-12-01T09:00:00Z'),
  daysSinceInvited: 2,
}

export function renderEnrollmentReminder(brand: Brand, props: EnrollmentReminderProps): RenderedEmail {
  const days = props.daysSinceInvited === 1 ? 'a day' : `${props.daysSinceInvited} days`
  return renderLayout({
    brand,
    subject: `Reminder: set up your sign-in token for ${brand.orgName}`,
    preheader: `Your token is not set up yet; your link works until ${formatWhen(props.expiresAt)}.`,
    heading: `Hello ${props.name}, your sign-in token is not set up yet`,
    blocks: [
      { kind: 'p', text: `We sent you an invitation ${days} ago to set up a sign-in token for ${brand.orgName}, and it is not finished yet. It takes about five minutes.` },
      ...(props.link
        ? [
            { kind: 'button' as const, label: 'Set up my token', url: props.link },
            { kind: 'note' as const, text: `This is a new link: the one in the earlier email no longer works. It is for you only and works until ${formatWhen(props.expiresAt)}.` },
          ]
        : [{ kind: 'p' as const, text: `You have already started: open the link in the earlier email again on the same device and browser to finish. It works until ${formatWhen(props.expiresAt)}.` }]),
      { kind: 'note', text: `Did not expect this email? Do not open the link; tell ${brand.supportContact}.` },
    ],
  })
}
