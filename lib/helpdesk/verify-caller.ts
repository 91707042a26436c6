import 'server-only'
import type { AuditContext } from '@/lib/audit'
import { staffActor, type StaffSession } from '@/lib/auth'
import { formatWait } from '@/lib/format'
import { consumeRateLimit } from '@/lib/rate-limit'
import { checkTokenCode } from '@/lib/validate'

export type CallerCheck =
  | { verified: true; serial: string }
  | { verified: false; serial?: string; message: string; notFound?: boolean }

/** Caller checks per user, whoever at the helpdesk tries: a phone call is slow, a script is not. */
export const CALLER_CHECK_LIMIT = { limit: 10, windowSeconds: 15 * 60 }

/**
 * "Verify a caller": before acting on a phone call, the helpdesk asks the
 * caller for the code their token shows now. Whoever calls must hold the
 * token. The code is checked like any other (used up, a wrong one counts
 * toward the lockout, audited in the staff member's name), also on a locked
 * token, since a locked-out user is who calls; a right code does not unlock
 * it, that is an action of its own.
 */
export async function verifyCaller({
  session,
  userId,
  tokenId,
  code,
  context,
  now = new Date(),
}: {
  session: StaffSession
  userId: string
  tokenId: string
  code: string
  context: AuditContext
  now?: Date
}): Promise<CallerCheck> {
  const budget = await consumeRateLimit({ key: `caller-check:user:${userId}`, ...CALLER_CHECK_LIMIT, now })
  if (!budget.allowed) return { verified: false, message: `Too many caller checks for this user. Try again in ${formatWait(budget.retryAfterSeconds)}.` }
  const result = await checkTokenCode({
    userId,
    tokenId,
    code,
    actor: staffActor(session),
    context,
    audit: { accepted: 'helpdesk.caller-verified', rejected: 'helpdesk.caller-not-verified' },
    callerCheck: true,
    now,
  })
  switch (result.reason) {
    case 'token':
      return { verified: true, serial: result.serial! }
    case 'not-found':
      return { verified: false, notFound: true, message: 'That token is not an active token of this user.' }
    case 'malformed':
      return { verified: false, serial: result.serial, message: 'Type the code as the caller reads it: the digits their token shows now.' }
    case 'replayed':
      return { verified: false, serial: result.serial, message: 'That code was used already. Ask the caller to wait for the next code and read it out.' }
    default:
      return {
        verified: false,
        serial: result.serial,
        message: `The code does not match ${result.serial}: the caller may not hold this token.${result.unlocksAt !== undefined ? ' Too many wrong codes locked the token.' : ''}`,
      }
  }
}
