import 'server-only'
import { randomBytes } from 'node:crypto'
import type { AuditActor, AuditContext, AuditEventInput } from '@/lib/audit'
import { sealSecret } from '@/lib/crypto'
import { getDb } from '@/lib/db'
import { brandFromSettings, queueEmail } from '@/lib/mail'
import { generateOtpSecret, hotpCodeAt, verifyHotp, verifyTotp } from '@/lib/otp'
import { hashPin, verifyPin } from '@/lib/pins'
import { isPinExpired } from '@/lib/policy'
import type { getSettings } from '@/lib/settings'
import { readTokenSecret } from '@/lib/tokens'
import { isLockActive, lockLiftsAt, reachesLockout, type LockPolicy } from './lockout'
import { splitPasscode } from './parse-validate-request'
import { countFailure, lockToken, type CandidateToken, type UserWithTokens } from './validation-queries'

// The pieces of a passcode check that checkPasscode (PIN + code) and
// checkTokenCode (a code alone, for changing or resetting a PIN) share.

export type Settings = Awaited<ReturnType<typeof getSettings>>
export type Match = { timeStep: number } | { nextCounter: number }
export type Outcome = {
  accepted?: { token: CandidateToken; match: Match }
  reason: string
  serial?: string
  unlocksAt?: Date | null
  countAgainst: CandidateToken[]
}

// A token that exists nowhere, checked in place of real ones when there are
// none to check: the same decryption and hashing, and a failure count that
// updates no row, so unknown users cost what a wrong code costs.
let decoy: CandidateToken | undefined
export function decoyToken(): CandidateToken {
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
      pinSetAt: null,
      secretCiphertext: sealed.ciphertext,
      secretKeyId: sealed.keyId,
    }
  }
  return decoy
}

/** PIN and code checked together, always both: a wrong PIN costs what a wrong code does. */
export function verifyToken(token: CandidateToken, passcode: string, settings: Settings, now: Date) {
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
export function checkTokens({
  tokens,
  passcode,
  settings,
  enforcePinExpiry = false,
  now,
}: {
  tokens: CandidateToken[]
  passcode: string
  settings: Settings
  enforcePinExpiry?: boolean
  now: Date
}): Outcome {
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
    if (enforcePinExpiry && isPinExpired({ pinSetAt: token.pinSetAt, settings, now })) return { reason: 'pin-expired', serial: token.serial, countAgainst: [] }
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
export async function recordFailure({
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
