import 'server-only'
import type { AuditContext, AuditEventInput } from '@/lib/audit'
import { AppError } from '@/lib/errors'
import { hotpCodeAt, verifyHotp, verifyTotp } from '@/lib/otp'
import { hashPin, verifyPin } from '@/lib/pins'
import { consumeRateLimits } from '@/lib/rate-limit'
import { getCachedSettings } from '@/lib/settings'
import { isTemporaryPasscodeShape, verifyTemporaryPasscode } from '@/lib/temp-passcodes'
import { readTokenSecret } from '@/lib/tokens'
import { normalizeUsername, ZUsername } from '@/lib/users'
import type { ApiClientIdentity } from '@/lib/api-clients'
import { isLockActive, reachesLockout, type LockPolicy } from './lockout'
import { isWellFormedPasscode, splitPasscode } from './parse-validate-request'
import {
  countFailure,
  countTemporaryPasscodeFailure,
  findLiveTemporaryPasscodes,
  findUserWithActiveTokens,
  insertAuditEvent,
  lockToken,
  markCodeUsed,
  spendTemporaryPasscode,
  type CandidateToken,
} from './validation-queries'

export type ValidationResult = { result: 'accept' | 'reject'; reason: string; serial?: string }

/** A user rarely has more than one or two tokens; bound the work per request anyway. */
export const MAX_TOKENS_CHECKED = 5
export const VALIDATE_LIMITS = {
  // A runaway or compromised gateway, not normal load (the benchmark sends ~1,000/s).
  client: { limit: 120_000, windowSeconds: 60 },
  // People sign in a few times a minute; RADIUS retransmits a little.
  username: { limit: 60, windowSeconds: 60 },
} as const

type Candidate = CandidateToken
type Match = { timeStep: number } | { nextCounter: number }
type Outcome = { accepted?: { token: Candidate; match: Match }; reason: string; serial?: string; countAgainst: Candidate[] }

/** Counts this request per client (and per username when given), in one statement. */
async function limit({ clientId, username, now }: { clientId: string; username?: string; now: Date }) {
  const results = await consumeRateLimits({
    limits: [
      { key: `validate:client:${clientId}`, ...VALIDATE_LIMITS.client },
      ...(username === undefined ? [] : [{ key: `validate:username:${username}`, ...VALIDATE_LIMITS.username }]),
    ],
    now,
  })
  const refused = results.find((r) => !r.allowed)
  if (refused) throw new AppError('RATE_LIMITED', 'Too many requests', { retryAfterSeconds: refused.retryAfterSeconds })
}

/**
 * Decides one sign-in: passcode = PIN + the token's code, or a temporary
 * passcode. Every code is usable once: the accepted time step (TOTP) or
 * counter (HOTP) is written with a conditional update, so of many identical
 * concurrent requests exactly one wins. Wrong PINs and codes count against
 * the user's tokens and lock them at the policy threshold. The caller sees
 * only accept or reject; the reason goes to the audit log.
 */
export async function validatePasscode({
  username: rawUsername,
  passcode,
  client,
  context,
  now = new Date(),
}: {
  username: string
  passcode: string
  client: ApiClientIdentity
  context: AuditContext
  now?: Date
}): Promise<ValidationResult> {
  const parsedUsername = ZUsername.safeParse(rawUsername)
  const username = parsedUsername.success ? parsedUsername.data : normalizeUsername(rawUsername).slice(0, 254)
  const actor = { type: 'API_CLIENT' as const, id: client.id, label: client.name }

  const malformed = !parsedUsername.success ? 'malformed-username' : !isWellFormedPasscode(passcode) ? 'malformed-passcode' : null
  if (malformed) {
    await limit({ clientId: client.id, now })
    // A username no account can have; a passcode too long, with spaces, Unicode
    // digits or control characters: no lookup, no hashing.
    await insertAuditEvent({ at: now, action: 'validate.rejected', actor, context, subject: { type: 'user', label: username }, details: { reason: malformed, client: client.name } })
    return { result: 'reject', reason: malformed }
  }
  await limit({ clientId: client.id, username, now })

  const [settings, user] = await Promise.all([getCachedSettings(now.getTime()), findUserWithActiveTokens({ username, limit: MAX_TOKENS_CHECKED })])
  const policy: LockPolicy = settings
  const subject = user ? { type: 'user', id: user.id, label: user.username } : { type: 'user', label: username }

  if (!user || user.status !== 'ACTIVE') {
    // The same work as a wrong PIN, so timing does not tell who exists.
    hashPin({ tokenId: 'no-such-token', pin: passcode })
    await insertAuditEvent({ at: now, action: 'validate.rejected', actor, context, subject, details: { reason: user ? 'user-disabled' : 'unknown-user', client: client.name } })
    return { result: 'reject', reason: user ? 'user-disabled' : 'unknown-user' }
  }

  const outcome = checkTokens({ tokens: user.tokens, passcode, settings, policy, now })

  if (outcome.accepted) {
    const { token, match } = outcome.accepted
    const won = await markCodeUsed({ token, match, unlockedBefore: unlockedBefore(policy, now), now })
    // Written right after the conditional update, not in one transaction with
    // it (docs/decisions/005): a crash in between loses this line, never a use.
    await insertAuditEvent({
      at: now,
      action: won ? 'validate.accepted' : 'validate.rejected',
      actor,
      context,
      subject,
      details: { reason: won ? 'token' : 'replayed', serial: token.serial, client: client.name },
    })
    return won ? { result: 'accept', reason: 'token', serial: token.serial } : { result: 'reject', reason: 'replayed', serial: token.serial }
  }

  const temporaries = outcome.reason !== 'replayed' && isTemporaryPasscodeShape(passcode) ? await findLiveTemporaryPasscodes({ userId: user.id, now }) : []
  const temporary = temporaries.find((t) => verifyTemporaryPasscode({ userId: user.id, passcode, codeHash: t.codeHash }))
  if (temporary && !reachesLockout(temporary.failedAttempts, policy)) {
    const won = await spendTemporaryPasscode({ passcode: temporary, now })
    const reason = won ? 'temporary-passcode' : 'temporary-passcode-used'
    await insertAuditEvent({ at: now, action: won ? 'validate.accepted' : 'validate.rejected', actor, context, subject, details: { reason, temporaryPasscodeId: temporary.id, client: client.name } })
    return { result: won ? 'accept' : 'reject', reason }
  }

  await recordFailure({ outcome, userId: user.id, countTemporary: temporaries.length > 0, policy, unlockedBefore: unlockedBefore(policy, now), actor, subject, context, clientName: client.name, now })
  return { result: 'reject', reason: outcome.reason, serial: outcome.serial }
}

/** Locks older than this have run out (policy auto-unlock); null when locks hold until staff unlock them. */
function unlockedBefore(policy: LockPolicy, now: Date): Date | null {
  return policy.autoUnlockMinutes && policy.autoUnlockMinutes > 0 ? new Date(now.getTime() - policy.autoUnlockMinutes * 60_000) : null
}

type Settings = Awaited<ReturnType<typeof getCachedSettings>>

function acceptedMatch(token: Candidate, passcode: string, settings: Settings, now: Date): Match | null {
  const split = splitPasscode(passcode, token.digits)
  if (!split) return null
  const params = { secret: readTokenSecret({ token }), algorithm: token.algorithm, digits: token.digits }
  if (token.type === 'TOTP') {
    const match = verifyTotp({ ...params, code: split.otp, period: token.period, window: Math.max(settings.totpWindow, 0), now: now.getTime() })
    return match.valid ? { timeStep: match.timeStep } : null
  }
  const match = verifyHotp({ ...params, code: split.otp, counter: token.counter, lookAhead: Math.max(settings.hotpLookAhead, 0) })
  return match.valid ? { nextCounter: match.nextCounter } : null
}

/** Which token, if any, this passcode opens, and what a rejection should be put down to. */
function checkTokens({ tokens, passcode, settings, policy, now }: { tokens: Candidate[]; passcode: string; settings: Settings; policy: LockPolicy; now: Date }): Outcome {
  if (tokens.length === 0) return { reason: 'no-active-token', countAgainst: [] }
  const countAgainst: Candidate[] = []
  let reason = 'wrong-pin'
  let serial: string | undefined
  for (const token of tokens) {
    if (isLockActive({ lockedAt: token.lockedAt, policy, now })) {
      reason = reason === 'wrong-pin' ? 'locked' : reason
      serial ??= token.serial
      continue
    }
    if (!token.pinHash) {
      // PIN reset pending: the token cannot be used until a new PIN is set.
      reason = reason === 'wrong-pin' ? 'pin-not-set' : reason
      serial ??= token.serial
      continue
    }
    countAgainst.push(token)
    const split = splitPasscode(passcode, token.digits)
    if (!split || !verifyPin({ tokenId: token.id, pin: split.pin, pinHash: token.pinHash })) continue
    const match = acceptedMatch(token, passcode, settings, now)
    if (!match) {
      // HOTP: the code one step behind is the one just used (a gateway retrying). Not a guess.
      if (token.type === 'HOTP' && token.counter > 0 && hotpCodeAt({ secret: readTokenSecret({ token }), algorithm: token.algorithm, digits: token.digits, counter: token.counter - 1 }) === split.otp) {
        return { reason: 'replayed', serial: token.serial, countAgainst: [] }
      }
      reason = 'wrong-otp'
      serial = token.serial
      continue
    }
    if ('timeStep' in match && token.lastTimeStep != null && match.timeStep <= token.lastTimeStep) {
      // A code already used: someone replaying it, or a gateway retrying. Not a guess: not counted.
      return { reason: 'replayed', serial: token.serial, countAgainst: [] }
    }
    return { accepted: { token, match }, reason: 'token', serial: token.serial, countAgainst: [] }
  }
  return { reason, serial, countAgainst }
}

/**
 * A rejection: one more failure on every token the passcode was tried
 * against (locking those that reach the threshold), and on the user's live
 * temporary passcodes when it had their shape. Each count is one atomic
 * statement, so concurrent failures are never lost; the audit lines follow.
 */
async function recordFailure({
  outcome,
  userId,
  countTemporary,
  policy,
  unlockedBefore,
  actor,
  subject,
  context,
  clientName,
  now,
}: {
  outcome: Outcome
  userId: string
  countTemporary: boolean
  policy: LockPolicy
  unlockedBefore: Date | null
  actor: { type: 'API_CLIENT'; id: string; label: string }
  subject: { type: string; id?: string; label: string }
  context: AuditContext
  clientName: string
  now: Date
}) {
  const events: AuditEventInput[] = [{ action: 'validate.rejected', actor, context, subject, details: { reason: outcome.reason, serial: outcome.serial ?? null, client: clientName } }]
  for (const token of outcome.countAgainst) {
    const failures = await countFailure({ tokenId: token.id, unlockedBefore, now })
    if (failures !== null && reachesLockout(failures, policy) && (await lockToken({ tokenId: token.id, now }))) {
      events.push({ action: 'token.locked', actor, context, subject: { type: 'token', id: token.id, label: token.serial }, details: { failures } })
    }
  }
  if (countTemporary && (await countTemporaryPasscodeFailure({ userId, threshold: Math.max(policy.lockoutThreshold, 1), now })) > 0) {
    events.push({ action: 'temp-passcode.revoked', actor, context, subject, details: { reason: 'too-many-failures' } })
  }
  for (const event of events) await insertAuditEvent({ ...event, at: now })
}
