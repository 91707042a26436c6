import 'server-only'
import type { AuditActor, AuditContext, AuditEventInput } from '@/lib/audit'
import { keyedHash } from '@/lib/crypto'
import { isRecoveryCodeShape, spendRecoveryCode } from '@/lib/recovery-codes'
import { getSettings } from '@/lib/settings'
import { isTemporaryPasscodeShape, verifyTemporaryPasscode } from '@/lib/temp-passcodes'
import { reachesLockout } from './lockout'
import { checkTokens, decoyToken, recordFailure } from './token-checks'
import {
  countTemporaryPasscodeFailure,
  findLiveTemporaryPasscodes,
  findUserWithActiveTokens,
  insertAuditEvent,
  markCodeUsed,
  spendTemporaryPasscode,
} from './validation-queries'

export type CheckResult = {
  result: 'accept' | 'reject'
  /** For the audit log and the caller's own wording; never shown to a gateway. */
  reason: string
  serial?: string
  /** The token that accepted the passcode. */
  tokenId?: string
  userId?: string
  /** Reason "locked", or a lock this attempt caused: when it lifts (null: only staff can lift it). */
  unlocksAt?: Date | null
}

/** How the caller's attempts appear in the audit log: the actions, and details added to each event. */
export type CheckAudit = { accepted: string; rejected: string; details?: Record<string, string | number | boolean | null> }

/** A user rarely has more than one or two tokens; bound the work per request anyway. */
export const MAX_TOKENS_CHECKED = 5

/**
 * Decides one passcode for one username: PIN + the token's code, or (when
 * allowed) a temporary passcode. The one check behind the validation API,
 * the enrollment's proof of possession and, later, portal sign-in, so every
 * path uses a code up and counts failures alike:
 * - every code is usable once: the accepted time step (TOTP) or counter
 *   (HOTP) is written with a conditional update, so of many identical
 *   concurrent requests exactly one wins;
 * - wrong PINs and codes count against the user's tokens and lock them at
 *   the policy threshold, for a time that doubles with each lock; the user
 *   is told by email, once per lock;
 * - an unknown or disabled user, a user without a usable token, and a wrong
 *   PIN cost the same statements and the same hashing as a wrong code, so
 *   timing does not tell who exists.
 */
export async function checkPasscode({
  username,
  passcode,
  actor,
  context,
  audit,
  allowTemporary,
  allowRecoveryCode = false,
  enforcePinExpiry = false,
  now = new Date(),
}: {
  /** Canonical form (ZUsername). */
  username: string
  passcode: string
  actor: AuditActor
  context: AuditContext
  audit: CheckAudit
  allowTemporary: boolean
  /** A recovery code in place of the passcode (the gateway's policy switch). */
  allowRecoveryCode?: boolean
  /** Refuse a right passcode whose PIN is past its policy age (the gateway's policy switch; the portal asks for a new PIN instead). */
  enforcePinExpiry?: boolean
  now?: Date
}): Promise<CheckResult> {
  const [settings, found] = await Promise.all([getSettings(), findUserWithActiveTokens({ username, limit: MAX_TOKENS_CHECKED })])
  const user = found && found.status === 'ACTIVE' ? found : null
  const subject = found ? { type: 'user', id: found.id, label: found.username } : { type: 'user', label: maskUsername(username) }
  const events: AuditEventInput[] = []
  const record = async (result: CheckResult): Promise<CheckResult> => {
    const action = result.result === 'accept' ? audit.accepted : audit.rejected
    events.unshift({ action, actor, context, subject, details: { reason: result.reason, serial: result.serial ?? null, ...audit.details } })
    for (const event of events) await insertAuditEvent({ ...event, at: now })
    return { ...result, userId: user?.id }
  }

  const outcome = checkTokens({ tokens: user?.tokens ?? [], passcode, settings, enforcePinExpiry, now })
  const recoveryShaped = allowRecoveryCode && isRecoveryCodeShape(passcode)
  if (!user) {
    if (allowTemporary && isTemporaryPasscodeShape(passcode)) await findLiveTemporaryPasscodes({ userId: decoyToken().id, now })
    if (recoveryShaped) await spendRecoveryCode({ userId: decoyToken().id, typed: passcode, now })
    await recordFailure({ outcome, user: null, settings, actor, context, now, events })
    return record({ result: 'reject', reason: found ? 'user-disabled' : 'unknown-user' })
  }

  if (outcome.accepted) {
    const { token, match } = outcome.accepted
    const won = await markCodeUsed({ token, match, now })
    // Written right after the conditional update, not in one transaction with
    // it (docs/decisions/005): a crash in between loses this line, never a use.
    return record(won ? { result: 'accept', reason: 'token', serial: token.serial, tokenId: token.id } : { result: 'reject', reason: 'replayed', serial: token.serial })
  }

  if (recoveryShaped && outcome.reason !== 'replayed') {
    const spent = await spendRecoveryCode({ userId: user.id, typed: passcode, now })
    if (spent) return record({ result: 'accept', reason: 'recovery-code' })
  }

  const temporaries = allowTemporary && outcome.reason !== 'replayed' && isTemporaryPasscodeShape(passcode) ? await findLiveTemporaryPasscodes({ userId: user.id, now }) : []
  const temporary = temporaries.find((t) => verifyTemporaryPasscode({ userId: user.id, passcode, codeHash: t.codeHash }))
  if (temporary && !reachesLockout(temporary.failedAttempts, settings)) {
    const won = await spendTemporaryPasscode({ passcode: temporary, now })
    audit = { ...audit, details: { ...audit.details, temporaryPasscodeId: temporary.id } }
    return record({ result: won ? 'accept' : 'reject', reason: won ? 'temporary-passcode' : 'temporary-passcode-used' })
  }

  // A replay or a right passcode with an expired PIN is not a guess: not counted.
  if (outcome.reason !== 'replayed' && outcome.reason !== 'pin-expired') {
    const locked = await recordFailure({ outcome, user, settings, actor, context, now, events })
    if (locked !== undefined) outcome.unlocksAt = locked
    if (temporaries.length > 0 && (await countTemporaryPasscodeFailure({ userId: user.id, threshold: Math.max(settings.lockoutThreshold, 1), now })) > 0) {
      events.push({ action: 'temp-passcode.revoked', actor, context, subject, details: { reason: 'too-many-failures' } })
    }
  }
  return record({ result: 'reject', reason: outcome.reason, serial: outcome.serial, unlocksAt: outcome.unlocksAt })
}

/**
 * Unknown usernames are audited masked: people type passcodes into username
 * fields. Two characters to read, and a keyed fingerprint that matches
 * repeated attempts without revealing what was typed.
 */
export function maskUsername(username: string): string {
  return `${username.slice(0, 2)}…#${keyedHash({ purpose: 'audit-fingerprint', value: username }).slice(0, 10)}`
}

