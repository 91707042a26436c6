import 'server-only'
import type { AuditActor, AuditContext, AuditEventInput } from '@/lib/audit'
import { isOtpCode, verifyHotp, verifyTotp } from '@/lib/otp'
import { getSettings } from '@/lib/settings'
import { readTokenSecret } from '@/lib/tokens'
import type { CheckAudit, CheckResult } from './check-passcode'
import { isLockActive } from './lockout'
import { recordFailure, type Match } from './token-checks'
import { findUserToken, insertAuditEvent, markCodeUsed } from './validation-queries'

/**
 * Proof of possession with a code alone, for one of the user's own tokens:
 * changing a PIN, or setting a new one after "forgot my PIN" or a helpdesk
 * reset (when the token has no PIN at all). The same rules as a passcode:
 * the code is used up, so it can never sign in later; a wrong code counts
 * toward the token's lockout; a locked token says when it unlocks. A token
 * that is not the user's, or not active, is `not-found` (and changes nothing).
 */
export async function checkTokenCode({
  userId,
  tokenId,
  code: typed,
  actor,
  context,
  audit,
  callerCheck = false,
  now = new Date(),
}: {
  userId: string
  tokenId: string
  code: string
  actor: AuditActor
  context: AuditContext
  audit: CheckAudit
  /**
   * The helpdesk's "verify a caller": the code is checked even on a locked
   * token (a locked-out user is who calls) and used up, but a right code
   * neither unlocks the token nor counts as a sign-in; unlocking is its own
   * audited action. Wrong codes count toward the lockout as usual.
   */
  callerCheck?: boolean
  now?: Date
}): Promise<CheckResult & { reason: 'token' | 'not-found' | 'locked' | 'replayed' | 'wrong-otp' | 'malformed' }> {
  const found = await findUserToken({ userId, tokenId })
  if (!found) return { result: 'reject', reason: 'not-found' }
  const { user, token } = found
  const events: AuditEventInput[] = []
  const record = async <R extends CheckResult>(result: R): Promise<R> => {
    events.unshift({ action: result.result === 'accept' ? audit.accepted : audit.rejected, actor, context, subject: { type: 'token', id: token.id, label: token.serial }, details: { reason: result.reason, ...audit.details } })
    for (const event of events) await insertAuditEvent({ ...event, at: now })
    return { ...result, userId, tokenId }
  }
  if (!callerCheck && isLockActive({ lockedAt: token.lockedAt, lockedUntil: token.lockedUntil, now })) return record({ result: 'reject' as const, reason: 'locked' as const, serial: token.serial, unlocksAt: token.lockedUntil })

  const code = typed.replace(/[\s-]/g, '')
  // Not a code at all: say how one looks, count nothing.
  if (!isOtpCode(code, token.digits)) return { result: 'reject', reason: 'malformed', serial: token.serial }

  const settings = await getSettings()
  const params = { secret: readTokenSecret({ token }), algorithm: token.algorithm, digits: token.digits }
  let match: Match | null = null
  let replayed = false
  if (token.type === 'TOTP') {
    const m = verifyTotp({ ...params, code, period: token.period, window: Math.max(settings.totpWindow, 0), now: now.getTime() })
    if (m.valid && token.lastTimeStep != null && m.timeStep <= token.lastTimeStep) replayed = true
    else if (m.valid) match = { timeStep: m.timeStep }
  } else {
    const m = verifyHotp({ ...params, code, counter: token.counter, lookAhead: Math.max(settings.hotpLookAhead, 0) })
    if (m.valid) match = { nextCounter: m.nextCounter }
  }
  if (replayed) return record({ result: 'reject' as const, reason: 'replayed' as const, serial: token.serial })
  if (match) {
    const won = await markCodeUsed({ token, match, now, spendOnly: callerCheck })
    return record(won ? { result: 'accept' as const, reason: 'token' as const, serial: token.serial } : { result: 'reject' as const, reason: 'replayed' as const, serial: token.serial })
  }
  const unlocksAt = await recordFailure({ outcome: { reason: 'wrong-otp', serial: token.serial, countAgainst: [token] }, user, settings, actor, context, now, events })
  return record({ result: 'reject' as const, reason: 'wrong-otp' as const, serial: token.serial, unlocksAt })
}
