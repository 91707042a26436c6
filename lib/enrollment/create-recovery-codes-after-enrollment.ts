import 'server-only'
import type { AuditContext } from '@/lib/audit'
import { createRecoveryCodes } from '@/lib/recovery-codes'
import { enrollmentStep } from './enrollment-step'
import { resolveInvitationLink } from './resolve-invitation-link'
import { userActor } from './require-live-link'

/**
 * The "done" page's offer: recovery codes right after enrollment, for the
 * person who just finished it, in the browser that did (the enrollment
 * cookie), while the done page is shown (an hour). Null when that no longer
 * holds: the portal's own page (signed in) creates them then.
 */
export async function createRecoveryCodesAfterEnrollment({
  token,
  browser,
  context,
  now = new Date(),
}: {
  token: string
  browser: string | null | undefined
  context?: AuditContext
  now?: Date
}): Promise<string[] | null> {
  const link = await resolveInvitationLink({ token, browser, now })
  if (enrollmentStep(link, now) !== 'done' || !link.bound || !link.user) return null
  const user = link.user
  return createRecoveryCodes({ user, actor: userActor(user), context, now })
}
