import 'server-only'
import { redirect } from 'next/navigation'
import { enrollmentStep, resolveInvitationLink, type EnrollmentStep, type ResolvedLink } from '@/lib/enrollment'
import { getSettings } from '@/lib/settings'

const PATHS: Record<EnrollmentStep, string> = { start: '', problem: '', app: '/app', add: '/add', pin: '/pin', done: '/done' }

export function stepPath(token: string, step: EnrollmentStep): string {
  return `/enroll/${encodeURIComponent(token)}${PATHS[step]}`
}

/**
 * The link and settings for one step's page. The server's state decides the
 * step: a page reached out of order (an old tab, the back button) sends the
 * person to the step they are really on.
 */
export async function loadEnrollment(token: string, allowed: EnrollmentStep[]) {
  const [link, settings] = await Promise.all([resolveInvitationLink({ token }), getSettings()])
  const step = enrollmentStep(link)
  if (!allowed.includes(step)) redirect(stepPath(token, step))
  return { link: link as Required<ResolvedLink>, settings, step }
}

export const pageTitle = 'Set up your token'
