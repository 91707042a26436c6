import 'server-only'
import { randomBytes } from 'node:crypto'
import type { AuditActor, AuditContext, AuditEventInput } from '@/lib/audit'
import { keyedHash, sealSecret } from '@/lib/crypto'
import { getDb } from '@/lib/db'
import { brandFromSettings, queueEmail } from '@/lib/mail'
import { generateOtpSecret, hotpCodeAt, verifyHotp, verifyTotp } from '@/lib/otp'
import { hashPin, verifyPin } from '@/lib/pins'
import { getCachedSettings } from '@/lib/settings'
import { isTemporaryPasscodeShape, verifyTemporaryPasscode } from '@/lib/temp-passcodes'
import { readTokenSecret } from '@/lib/tokens'
import { isLockActive, lockLiftsAt, reachesLockout, type LockPolicy } from './lockout'
import { splitPasscode } from './parse-validate-request'
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
  type UserWithTokens,
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

type Settings = Awaited<ReturnType<typeof getCachedSettings>>
type Match = { timeStep: number } | { nextCounter: number }
type Outcome = {
  accepted?: { token: CandidateToken; match: Match }
  reason: string
  serial?: string
  unlocksAt?: Date | null
  countAgainst: CandidateToken[]
}

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
  now = new Date(),
}: {
  /** Canonical form (ZUsername). */
  username: string
  passcode: string
  actor: AuditActor
  context: AuditContext
  audit: CheckAudit
  allowTemporary: boolean
  now?: Date
}): Promise<CheckResult> {
  const [settings, found] = await Promise.all([getCachedSettings(now.getTime()), findUserWithActiveTokens({ username, limit: MAX_TOKENS_CHECKED })])
  const user = found && found.status === 'ACTIVE' ? found : null
  const subject = found ? { type: 'user', id: found.id, label: found.username } : { type: 'user', label: maskUsername(username) }
  const events: AuditEventInput[] = []
  const record = async (result: CheckResult): Promise<CheckResult> => {
    const action = result.result === 'accept' ? audit.accepted : audit.rejected
    events.unshift({ action, actor, context, subject, details: { reason: result.reason, serial: result.serial ?? null, ...audit.details } })
    for (const event of events) await insertAuditEvent({ ...event, at: now })
    return { ...result, userId: user?.id }
  }

  const outcome = checkTokens({ tokens: user?.tokens ?? [], passcode, settings, now })
  if (!user) {
    if (allowTemporary && isTemporaryPasscodeShape(passcode)) await findLiveTemporaryPasscodes({ userId: decoyToken().id, now })
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

  const temporaries = allowTemporary && outcome.reason !== 'replayed' && isTemporaryPasscodeShape(passcode) ? await findLiveTemporaryPasscodes({ userId: user.id, now }) : []
  const temporary = temporaries.find((t) => verifyTemporaryPasscode({ userId: user.id, passcode, codeHash: t.codeHash }))
  if (temporary && !reachesLockout(temporary.failedAttempts, settings)) {
    const won = await spendTemporaryPasscode({ passcode: temporary, now })
    audit = { ...audit, details: { ...audit.details, temporaryPasscodeId: temporary.id } }
    return record({ result: won ? 'accept' : 'reject', reason: won ? 'temporary-passcode' : 'temporary-passcode-used' })
  }

  if (outcome.reason !== 'replayed') {
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

// A token that exists nowhere, checked in place of real ones when there are
// none to check: the same decryption and hashing, and a failure count that
// updates no row, so unknown users cost what a wrong code costs.
let decoy: CandidateToken | undefined
function decoyToken(): CandidateToken {
  if (!decoy) {
    const id = `decoy-${randomBytes(8).toString('hex')}`
    const sealed = sealSecret({ plaintext: generateOtpSecret(), context: id })
    decoy = {
      id,
      name: null,
      serial: id,
      type: 'TOTP',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      lastTimeStep: null,
      failedAttempts: 0,
      lockedAt: null,
      lockedUntil: null,
      lockCount: 0,
      pinHash: hashPin({ tokenId: id, pin: randomBytes(16).toString('hex') }),
      secretCiphertext: sealed.ciphertext,
      secretKeyId: sealed.keyId,
    }
  }
  return decoy
}

/** PIN and code checked together, always both: a wrong PIN costs what a wrong code does. */
function verifyToken(token: CandidateToken, passcode: string, settings: Settings, now: Date) {
  const split = splitPasscode(passcode, token.digits)
  const pin = verifyPin({ tokenId: token.id, pin: split?.pin ?? passcode, pinHash: token.pinHash ?? '' }) && split !== null
  const params = { secret: readTokenSecret({ token }), algorithm: token.algorithm, digits: token.digits }
  const otp = split?.otp ?? ''
  let match: Match | null = null
  let replayed = false
  if (token.type === 'TOTP') {
    const m = verifyTotp({ ...params, code: otp, period: token.period, window: Math.max(settings.totpWindow, 0), now: now.getTime() })
    // A code already used: someone replaying it, or a gateway retrying.
    if (m.valid && token.lastTimeStep != null && m.timeStep <= token.lastTimeStep) replayed = true
    else if (m.valid) match = { timeStep: m.timeStep }
  } else {
    const m = verifyHotp({ ...params, code: otp, counter: token.counter, lookAhead: Math.max(settings.hotpLookAhead, 0) })
    if (m.valid) match = { nextCounter: m.nextCounter }
    // The code one step behind is the one just used (a gateway retrying).
    else if (pin && token.counter > 0) replayed = hotpCodeAt({ ...params, counter: token.counter - 1 }) === otp
  }
  return { pin, match, replayed }
}

/** Which token, if any, this passcode opens, and what a rejection should be put down to. */
function checkTokens({ tokens, passcode, settings, now }: { tokens: CandidateToken[]; passcode: string; settings: Settings; now: Date }): Outcome {
  const countAgainst: CandidateToken[] = []
  let reason = tokens.length ? 'wrong-pin' : 'no-active-token'
  let serial: string | undefined
  let unlocksAt: Date | null | undefined
  for (const token of tokens) {
    if (isLockActive({ lockedAt: token.lockedAt, lockedUntil: token.lockedUntil, now })) {
      if (reason === 'wrong-pin') reason = 'locked'
      serial ??= token.serial
      // The soonest any of them lifts; a staff-only lock (null) only when nothing lifts sooner.
      unlocksAt = unlocksAt === undefined || (token.lockedUntil && (unlocksAt === null || token.lockedUntil < unlocksAt)) ? token.lockedUntil : unlocksAt
      continue
    }
    if (!token.pinHash) {
      // PIN reset pending: the token cannot be used until a new PIN is set.
      if (reason === 'wrong-pin') reason = 'pin-not-set'
      serial ??= token.serial
      continue
    }
    countAgainst.push(token)
    const verdict = verifyToken(token, passcode, settings, now)
    if (!verdict.pin) continue
    // A replay is not a guess: not counted.
    if (verdict.replayed) return { reason: 'replayed', serial: token.serial, countAgainst: [] }
    if (!verdict.match) {
      reason = 'wrong-otp'
      serial = token.serial
      continue
    }
    return { accepted: { token, match: verdict.match }, reason: 'token', serial: token.serial, countAgainst: [] }
  }
  if (countAgainst.length === 0) verifyToken(decoyToken(), passcode, settings, now)
  return { reason, serial, unlocksAt, countAgainst }
}

/**
 * A rejection: one more failure on every token the passcode was tried
 * against (the decoy when there were none), locking those that reach the
 * threshold and telling the user by email. Each count is one atomic
 * statement, so concurrent failures are never lost. Returns when the lock
 * this attempt caused lifts, if it caused one.
 */
async function recordFailure({
  outcome,
  user,
  settings,
  actor,
  context,
  now,
  events,
}: {
  outcome: Outcome
  user: UserWithTokens | null
  settings: Settings
  actor: AuditActor
  context: AuditContext
  now: Date
  events: AuditEventInput[]
}): Promise<Date | null | undefined> {
  const policy: LockPolicy = settings
  let causedLock: Date | null | undefined
  for (const token of outcome.countAgainst.length ? outcome.countAgainst : [decoyToken()]) {
    const failures = await countFailure({ tokenId: token.id, now })
    if (failures === null || !reachesLockout(failures, policy) || !user) continue
    const until = lockLiftsAt({ earlierLocks: token.lockCount, policy, now })
    if (!(await lockToken({ tokenId: token.id, until, now }))) continue
    causedLock = until
    events.push({
      action: 'token.locked',
      actor,
      context,
      subject: { type: 'token', id: token.id, label: token.serial },
      details: { failures, unlocksAt: until?.toISOString() ?? 'staff', lockNumber: token.lockCount + 1 },
    })
    // Once per lock: only the request whose conditional update locked the token gets here.
    await getDb().$transaction((tx) =>
      queueEmail({
        tx,
        actor,
        to: user.email,
        template: 'token-locked',
        brand: brandFromSettings(settings),
        props: { name: user.displayName ?? user.username, tokenName: token.name ?? token.serial, failures, at: now, unlocksAt: until },
      }),
    )
  }
  return causedLock
}
