import type { ResolvedLink } from './resolve-invitation-link'

export type EnrollmentStep = 'start' | 'elsewhere' | 'app' | 'add' | 'pin' | 'done' | 'problem'

/** How long after activation the link still shows the "done" page (it holds no secret). */
export const DONE_PAGE_MINUTES = 60

/**
 * Where a person holding this link stands, judged from the server's state
 * alone, so a refresh, a second tab or the back button always lands on the
 * right step. 'app' and 'add' are both reachable while the token is
 * unverified; the caller picks between them by the URL. 'elsewhere': Start
 * was pressed in another browser, which alone may see the secret.
 */
export function enrollmentStep(link: ResolvedLink, now: Date = new Date()): EnrollmentStep {
  const token = link.token
  if (link.state === 'used') {
    const recent = token?.activatedAt && now.getTime() - token.activatedAt.getTime() < DONE_PAGE_MINUTES * 60_000
    return token?.status === 'ACTIVE' && recent ? 'done' : 'problem'
  }
  if (link.state !== 'valid') return 'problem'
  if (!token || token.status !== 'PENDING') return 'start'
  // Started in another browser: this one may only start again.
  if (!link.bound) return 'elsewhere'
  return token.verifiedAt ? 'pin' : 'add'
}
