import 'server-only'
import type { AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { normalizeUsername } from '@/lib/users'
import { firstIssueMessage } from '@/lib/validation'
import { limitLinkRequest, ZEnrollmentLinkRequest, type TEnrollmentLinkRequest } from '@/lib/enrollment'

export type UserLinkRequestPurpose = 'sign-in' | 'pin-reset'

/**
 * "Email me a sign-in link" and "Forgot my PIN": the same answer, in the
 * same time, whether or not the account exists. The limits count what was
 * typed; the request is recorded in one insert and the background jobs
 * (processUserLinkRequests) create the link and queue its email.
 */
export async function requestUserLink({
  purpose,
  input,
  context,
  now = new Date(),
}: {
  purpose: UserLinkRequestPurpose
  input: TEnrollmentLinkRequest
  context: AuditContext
  now?: Date
}): Promise<void> {
  const parsed = ZEnrollmentLinkRequest.safeParse(input)
  if (!parsed.success) throw new AppError('INVALID_INPUT', firstIssueMessage(parsed.error))
  const identifier = normalizeUsername(parsed.data.identifier)
  // The limits of "send me a new link": a few an hour per account, generous per address.
  await limitLinkRequest({ kind: `${purpose}-request`, identifier, context, auditAction: 'user-link.request-limited', details: { purpose }, now })
  await getDb().enrollmentRequest.create({ data: { purpose, identifier, ip: context.ip ?? null, userAgent: context.userAgent?.slice(0, 512) ?? null, createdAt: now } })
}
