import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { disconnectDb, getDb } from '@/lib/db'
import { generateOtp, hotpCodeAt } from '@/lib/otp'
import { setTokenPin } from '@/lib/pins'
import { forgetCachedSettings } from '@/lib/settings'
import { issueTemporaryPasscode } from '@/lib/temp-passcodes'
import { createSoftwareToken } from '@/lib/tokens'
import { addUser } from '@/lib/users'
import { readMailBody } from '@/lib/mail'
import { isLockActive, lockLiftsAt, reachesLockout } from './lockout'
import { isWellFormedPasscode, parseClientIp, splitPasscode } from './parse-validate-request'
import { createRecoveryCodes } from '@/lib/recovery-codes'
import { checkPasscode } from './check-passcode'
import { checkTokenCode } from './check-token-code'
import { validatePasscode } from './validate-passcode'

setUpTempDatabase()
afterAll(() => disconnectDb())
beforeEach(() => forgetCachedSettings())

const client = { id: 'client-1', name: 'vpn' }
const context = { ip: '203.0.113.9', userAgent: 'test' }
const t0 = new Date('2026-11-24T12:00:10Z') // 10 s into a 30 s step

let n = 0
/** An active token with a known secret and PIN, as enrollment leaves it. */
async function activeToken({ type = 'TOTP' as 'TOTP' | 'HOTP', pin = '4827' } = {}) {
  const user = await addUser({ input: { username: `v${++n}`, email: `v${n}@example.com` }, actor: CLI_ACTOR })
  const token = await createSoftwareToken({ userId: user.id, type })
  await getDb().token.update({ where: { id: token.id }, data: { status: 'ACTIVE', activatedAt: t0 } })
  await setTokenPin({ tokenId: token.id, pin })
  return { user, token, code: (at: Date, counter = 0) => generateOtp({ type, secret: token.secret, timestamp: at.getTime(), counter }) }
}

const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000)
const check = (username: string, passcode: string, now = t0) => validatePasscode({ username, passcode, client, context, now })
const checkAsUser = (username: string, passcode: string, now = t0) =>
  checkPasscode({ username, passcode, actor: { type: 'USER', label: username }, context, audit: { accepted: 'test.accepted', rejected: 'test.rejected' }, allowTemporary: false, now })
const tokenRow = (id: string) => getDb().token.findUniqueOrThrow({ where: { id } })

describe('passcode parsing', () => {
  it('splits PIN and code from the end, and refuses what cannot be both', () => {
    expect(splitPasscode('4827123456', 6)).toEqual({ pin: '4827', otp: '123456' })
    expect(splitPasscode('ab12cd12345678', 8)).toEqual({ pin: 'ab12cd', otp: '12345678' })
    expect(splitPasscode('123456', 6)).toBeNull()
    expect(splitPasscode('48271234a6', 6)).toBeNull()
  })
  it('accepts printable ASCII up to 64 characters, nothing else', () => {
    expect(isWellFormedPasscode('4827123456')).toBe(true)
    for (const bad of ['', ' 4827123456', '4827 123456', '4827123456\n', '４８２７１２３４５６', '٤٨٢٧123456', '4827\u0000123456', '1'.repeat(65)]) {
      expect(isWellFormedPasscode(bad), JSON.stringify(bad)).toBe(false)
    }
    expect(parseClientIp('198.51.100.7')).toBe('198.51.100.7')
    expect(parseClientIp('2001:db8::1')).toBe('2001:db8::1')
    expect(parseClientIp('<script>')).toBeNull()
  })
  it('does lockout arithmetic: locks that lift by themselves, doubling up to a cap, or staff-only', () => {
    const policy = { lockoutThreshold: 10, autoUnlockMinutes: 15, autoUnlockMaxMinutes: 1440 }
    expect(reachesLockout(9, policy)).toBe(false)
    expect(reachesLockout(10, policy)).toBe(true)
    expect(reachesLockout(1, { ...policy, lockoutThreshold: 0 })).toBe(true)
    expect([0, 1, 2, 3, 6, 7, 40].map((earlierLocks) => (lockLiftsAt({ earlierLocks, policy, now: t0 })!.getTime() - t0.getTime()) / 60_000)).toEqual([
      15, 30, 60, 120, 960, 1440, 1440,
    ])
    expect(lockLiftsAt({ earlierLocks: 0, policy: { ...policy, autoUnlockMinutes: 0 }, now: t0 })).toBeNull()
    expect(lockLiftsAt({ earlierLocks: 3, policy: { ...policy, autoUnlockMinutes: null }, now: t0 })).toBeNull()
    expect(isLockActive({ lockedAt: t0, lockedUntil: at(900), now: at(899) })).toBe(true)
    expect(isLockActive({ lockedAt: t0, lockedUntil: at(900), now: at(900) })).toBe(false)
    expect(isLockActive({ lockedAt: t0, lockedUntil: null, now: at(86_400 * 365) })).toBe(true)
    expect(isLockActive({ lockedAt: null, lockedUntil: null, now: t0 })).toBe(false)
  })
})

describe('validatePasscode', () => {
  it('accepts PIN + current code once, and records it', async () => {
    const { user, token, code } = await activeToken()
    expect(await check(user.username.toUpperCase(), `4827${code(t0)}`)).toMatchObject({ result: 'accept', serial: token.serial })
    expect(await check(user.username, `4827${code(t0)}`)).toMatchObject({ result: 'reject', reason: 'replayed' })
    const row = await tokenRow(token.id)
    expect(row.lastUsedAt).toEqual(t0)
    expect(row.failedAttempts).toBe(0)
    const events = await getDb().auditEvent.findMany({ where: { subjectId: user.id, action: { startsWith: 'validate.' } }, orderBy: { at: 'asc' } })
    expect(events.map((e) => [e.action, JSON.parse(e.details!).reason, e.ip])).toEqual([
      ['validate.accepted', 'token', '203.0.113.9'],
      ['validate.rejected', 'replayed', '203.0.113.9'],
    ])
    expect(events.every((e) => !e.details!.includes(code(t0)) && !e.details!.includes('4827'))).toBe(true)
  })

  it('accepts the previous and next step once each, never an older one', async () => {
    const { user, code } = await activeToken()
    expect((await check(user.username, `4827${code(at(-30))}`)).result).toBe('accept')
    expect((await check(user.username, `4827${code(at(30))}`)).result).toBe('accept')
    expect((await check(user.username, `4827${code(t0)}`)).result).toBe('reject') // older than the last accepted step
    expect((await check(user.username, `4827${code(at(-60))}`)).result).toBe('reject') // outside the window
  })

  it('lets exactly one of many concurrent identical requests in', async () => {
    const { user, token, code } = await activeToken()
    const results = await Promise.all(Array.from({ length: 50 }, () => check(user.username, `4827${code(t0)}`)))
    expect(results.filter((r) => r.result === 'accept')).toHaveLength(1)
    expect((await tokenRow(token.id)).failedAttempts).toBe(0) // replays are not counted as guesses
  })

  it('advances HOTP within the look-ahead, once per code', async () => {
    const { user, token } = await activeToken({ type: 'HOTP' })
    const at3 = hotpCodeAt({ secret: token.secret, counter: 3 })
    expect((await check(user.username, `4827${at3}`)).result).toBe('accept')
    expect((await tokenRow(token.id)).counter).toBe(4)
    expect(await check(user.username, `4827${at3}`)).toMatchObject({ result: 'reject', reason: 'replayed' })
    expect((await check(user.username, `4827${hotpCodeAt({ secret: token.secret, counter: 2 })}`)).result).toBe('reject')
    expect((await check(user.username, `4827${hotpCodeAt({ secret: token.secret, counter: 4 + 11 })}`)).result).toBe('reject')
    expect((await check(user.username, `4827${hotpCodeAt({ secret: token.secret, counter: 4 + 10 })}`)).result).toBe('accept')
  })

  it('counts wrong PINs and codes, locks at ten, then refuses even the right passcode', async () => {
    const { user, token, code } = await activeToken()
    expect((await check(user.username, `9999${code(t0)}`)).reason).toBe('wrong-pin')
    expect((await check(user.username, `4827${code(at(-120))}`)).reason).toBe('wrong-otp')
    expect((await tokenRow(token.id)).failedAttempts).toBe(2)
    expect((await check(user.username, `4827${code(at(-30))}`)).result).toBe('accept') // success resets the count
    expect((await tokenRow(token.id)).failedAttempts).toBe(0)

    await Promise.all(Array.from({ length: 10 }, () => check(user.username, `1111${code(at(30))}`)))
    const locked = await tokenRow(token.id)
    expect(locked).toMatchObject({ failedAttempts: 10, lockedAt: t0, lockedUntil: at(15 * 60), lockCount: 1 })
    expect(await check(user.username, `4827${code(at(30))}`)).toMatchObject({ result: 'reject', reason: 'locked' })
    // Portal pages tell a person when the lock lifts; the gateway is told nothing.
    expect(await checkAsUser(user.username, `4827${code(at(60))}`, at(60))).toMatchObject({ result: 'reject', reason: 'locked', unlocksAt: at(15 * 60) })
    expect((await getDb().auditEvent.count({ where: { action: 'token.locked', subjectId: token.id } }))).toBe(1)
    // The user hears of it once per lock, with the time it lifts.
    const mail = await getDb().outboxMessage.findMany({ where: { to: user.email, template: 'token-locked' } })
    expect(mail).toHaveLength(1)
    expect(readMailBody({ message: mail[0]! }).text).toMatch(/locked .* after 10 wrong passcodes in a row\. It unlocks by itself at 24 November 2026 at 12:15 UTC/)
  })

  it('lifts a lock by itself, for twice as long each time, until a successful sign-in resets it', async () => {
    const { user, token, code } = await activeToken()
    const guess = async (now: Date) => {
      for (let i = 0; i < 10; i++) await check(user.username, `1111${code(now)}`, now)
    }
    await guess(t0)
    expect((await check(user.username, `4827${code(at(600))}`, at(600))).reason).toBe('locked')
    // Once the lock has lifted, a wrong passcode starts a fresh count; the next lock lasts 30 minutes.
    expect((await check(user.username, `1111${code(at(901))}`, at(901))).reason).toBe('wrong-pin')
    expect(await tokenRow(token.id)).toMatchObject({ lockedAt: null, lockedUntil: null, failedAttempts: 1, lockCount: 1 })
    await guess(at(902))
    expect(await tokenRow(token.id)).toMatchObject({ lockedUntil: at(902 + 30 * 60), lockCount: 2 })
    expect((await check(user.username, `4827${code(at(902 + 30 * 60 - 1))}`, at(902 + 30 * 60 - 1))).reason).toBe('locked')
    expect((await check(user.username, `4827${code(at(902 + 30 * 60))}`, at(902 + 30 * 60))).result).toBe('accept')
    expect(await tokenRow(token.id)).toMatchObject({ lockedAt: null, failedAttempts: 0, lockCount: 0 })
    expect(await getDb().outboxMessage.count({ where: { to: user.email, template: 'token-locked' } })).toBe(2)
  })

  it('keeps a lock until staff lift it when the policy says so', async () => {
    await getDb().settings.update({ where: { id: 1 }, data: { autoUnlockMinutes: 0 } })
    forgetCachedSettings()
    try {
      const { user, token, code } = await activeToken()
      for (let i = 0; i < 10; i++) await check(user.username, `1111${code(t0)}`)
      expect(await tokenRow(token.id)).toMatchObject({ lockedAt: t0, lockedUntil: null })
      const later = at(86_400 * 30)
      expect(await checkAsUser(user.username, `4827${code(later)}`, later)).toMatchObject({ reason: 'locked', unlocksAt: null })
      const mail = await getDb().outboxMessage.findFirstOrThrow({ where: { to: user.email, template: 'token-locked' } })
      expect(readMailBody({ message: mail }).text).toContain('It stays locked until your IT helpdesk unlocks it.')
    } finally {
      await getDb().settings.update({ where: { id: 1 }, data: { autoUnlockMinutes: 15 } })
    }
  })

  it('never validates disabled, lost, revoked, pending or PIN-less tokens, or unknown users', async () => {
    for (const status of ['DISABLED', 'LOST', 'REVOKED', 'PENDING', 'INVENTORY'] as const) {
      const { user, token, code } = await activeToken()
      await getDb().token.update({ where: { id: token.id }, data: { status } })
      expect(await check(user.username, `4827${code(t0)}`), status).toMatchObject({ result: 'reject', reason: 'no-active-token' })
    }
    const { user, token, code } = await activeToken()
    await getDb().token.update({ where: { id: token.id }, data: { pinHash: null } })
    expect(await check(user.username, `4827${code(t0)}`)).toMatchObject({ result: 'reject', reason: 'pin-not-set' })
    expect(await check(user.username, code(t0))).toMatchObject({ result: 'reject' })
    expect(await check('nobody', `4827${code(t0)}`)).toMatchObject({ result: 'reject', reason: 'unknown-user' })
    // Typed usernames that match nobody are not logged as typed.
    const unknown = await getDb().auditEvent.findFirstOrThrow({ where: { details: { contains: 'unknown-user' } }, orderBy: { at: 'desc' } })
    expect(unknown.subjectLabel).toMatch(/^no…#[A-Za-z0-9_-]{10}$/)
  })

  it('rejects malformed passcodes without looking anything up', async () => {
    const { user, code } = await activeToken()
    for (const bad of [`4827 ${code(t0)}`, `４８２７${code(t0)}`, `4827${code(t0)}`.padStart(65, '1')]) {
      expect(await check(user.username, bad)).toMatchObject({ result: 'reject', reason: 'malformed-passcode' })
    }
    // Usernames no account can have (PostgreSQL would refuse the NUL outright).
    for (const bad of [`${user.username}\u0000`, `${user.username} x`, 'x'.repeat(65), '-leading']) {
      expect(await check(bad, `4827${code(t0)}`)).toMatchObject({ result: 'reject', reason: 'malformed-username' })
    }
    // What was typed into the username field is not logged (it may be a passcode): two characters and a fingerprint.
    const labels = (await getDb().auditEvent.findMany({ where: { details: { contains: 'malformed-username' } } })).map((e) => e.subjectLabel)
    expect(labels).toHaveLength(4)
    expect(labels.every((l) => /^.{2}…#[A-Za-z0-9_-]{10}$/.test(l ?? '') && !l!.includes(user.username) && !/[\u0000-\u001f]/.test(l!))).toBe(true)
    expect((await tokenRow((await getDb().token.findFirstOrThrow({ where: { userId: user.id } })).id)).failedAttempts).toBe(0)
  })

  it('accepts a temporary passcode once (or until it expires), and bounds guessing', async () => {
    const { user, token } = await activeToken()
    const single = await issueTemporaryPasscode({ userId: user.id, actor: CLI_ACTOR, now: t0 })
    expect(single.passcode).toMatch(/^[2-9A-HJKMNP-TW-Z]{10}$/)
    expect(single.expiresAt).toEqual(at(24 * 3600))
    expect(await check(user.username, single.passcode.toLowerCase())).toMatchObject({ result: 'accept', reason: 'temporary-passcode' })
    expect(await check(user.username, single.passcode)).toMatchObject({ result: 'reject' })

    const multi = await issueTemporaryPasscode({ userId: user.id, hours: 2, singleUse: false, actor: CLI_ACTOR, now: t0 })
    expect((await check(user.username, multi.passcode, at(60))).result).toBe('accept')
    expect((await check(user.username, multi.passcode, at(120))).result).toBe('accept')
    expect((await check(user.username, multi.passcode, at(2 * 3600 + 1))).result).toBe('reject')

    const guessed = await issueTemporaryPasscode({ userId: user.id, actor: CLI_ACTOR, now: t0 })
    for (let i = 0; i < 10; i++) await check(user.username, 'ZZZZZZZZZZ', at(i))
    expect(await check(user.username, guessed.passcode, at(20))).toMatchObject({ result: 'reject' })
    const row = await getDb().temporaryPasscode.findUniqueOrThrow({ where: { id: guessed.id } })
    expect(row.revokedAt).not.toBeNull()
    expect(row.codeHash).not.toContain(guessed.passcode)
    expect((await tokenRow(token.id)).lockedAt).not.toBeNull() // the same guesses counted against the token too
  })

  it('limits requests per username, shared through the database', async () => {
    const { user } = await activeToken()
    const results = []
    for (let i = 0; i < 61; i++) results.push(await check(user.username, 'x'.repeat(10), t0).catch((e: Error) => e.message))
    expect(results.at(-1)).toBe('Too many requests')
    expect(results.slice(0, 60).every((r) => typeof r === 'object')).toBe(true)
  })

  it('accepts a recovery code in place of a passcode only when the policy says so, once', async () => {
    const { user } = await activeToken()
    const [code] = await createRecoveryCodes({ user: { ...user, displayName: null }, actor: CLI_ACTOR })
    expect(await check(user.username, code!)).toMatchObject({ result: 'reject' })
    await getDb().settings.update({ where: { id: 1 }, data: { recoveryCodesAtValidation: true } })
    forgetCachedSettings()
    try {
      expect(await check(user.username, code!)).toMatchObject({ result: 'accept', reason: 'recovery-code' })
      expect(await check(user.username, code!)).toMatchObject({ result: 'reject' })
    } finally {
      await getDb().settings.update({ where: { id: 1 }, data: { recoveryCodesAtValidation: false } })
    }
  })

  it('refuses an expired PIN at the gateway only when the policy says so, without counting or using the code', async () => {
    const { user, token, code } = await activeToken()
    await getDb().token.update({ where: { id: token.id }, data: { pinSetAt: new Date(t0.getTime() - 91 * 86_400_000) } })
    await getDb().settings.update({ where: { id: 1 }, data: { rejectExpiredPin: true } })
    forgetCachedSettings()
    try {
      expect(await check(user.username, `4827${code(t0)}`)).toMatchObject({ result: 'reject', reason: 'pin-expired' })
      expect(await tokenRow(token.id)).toMatchObject({ failedAttempts: 0, lastTimeStep: null })
    } finally {
      await getDb().settings.update({ where: { id: 1 }, data: { rejectExpiredPin: false } })
      forgetCachedSettings()
    }
    expect(await check(user.username, `4827${code(t0)}`)).toMatchObject({ result: 'accept' })
  })

  it('checks a code alone for the user’s own token: used up, failures counted, other users’ tokens not found', async () => {
    const { user, token, code } = await activeToken()
    const other = await activeToken()
    const actor = { type: 'USER' as const, id: user.id, label: user.username }
    const audit = { accepted: 'test.code-ok', rejected: 'test.code-bad' }
    const checkCode = (tokenId: string, typed: string) => checkTokenCode({ userId: user.id, tokenId, code: typed, actor, context, audit, now: t0 })
    expect(await checkCode(other.token.id, other.code(t0))).toMatchObject({ result: 'reject', reason: 'not-found' })
    expect(await checkCode(token.id, 'abc')).toMatchObject({ result: 'reject', reason: 'malformed' })
    expect(await checkCode(token.id, '000000')).toMatchObject({ result: 'reject', reason: 'wrong-otp' })
    expect((await tokenRow(token.id)).failedAttempts).toBe(1)
    expect(await checkCode(token.id, code(t0))).toMatchObject({ result: 'accept' })
    expect(await checkCode(token.id, code(t0))).toMatchObject({ result: 'reject', reason: 'replayed' })
    // The code used here never signs in at the gateway.
    expect(await check(user.username, `4827${code(t0)}`)).toMatchObject({ result: 'reject', reason: 'replayed' })
    expect((await tokenRow(other.token.id)).failedAttempts).toBe(0)
  })
})
