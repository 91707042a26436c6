import 'server-only'
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { BROWSER_COOKIE, enrollmentStep, resolveInvitationLink, type EnrollmentStep, type ResolvedLink } from '@/lib/enrollment'
import { getSettings } from '@/lib/settings'

const PATHS: Record<EnrollmentStep, string> = { start: '', elsewhere: '', problem: '', app: '/app', add: '/add', pin: '/pin', done: '/done' }

export function stepPath(token: string, step: EnrollmentStep): string {
  return `/enroll/${encodeURIComponent(token)}${PATHS[step]}`
}

/**
 * The link and settings for one step's page. The server's state decides the
 * step: a page reached out of order (an old tab, the back button) sends the
 * person to the step they are really on, and a browser that did not press
 * Start to the start page, which says so and offers to start again there.
 */
export async function loadEnrollment(token: string, allowed: EnrollmentStep[]) {
  const browser = (await cookies()).get(BROWSER_COOKIE)?.value ?? null
  const [link, settings] = await Promise.all([resolveInvitationLink({ token, browser }), getSettings()])
  // A hardware token's activation link (lib/inventory) opened at /enroll/: its own page.
  if (link.token?.status === 'ASSIGNED') redirect(`/activate/${encodeURIComponent(token)}`)
  const step = enrollmentStep(link)
  if (!allowed.includes(step)) redirect(stepPath(token, step))
  return { link: link as Required<ResolvedLink>, settings, step }
}

export const pageTitle = 'Set up your token'
