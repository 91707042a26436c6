import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { signInWithPasscode, startUserSession, type UserSession } from '@/lib/auth'
import { checkUserSession } from '@/lib/auth/check-user-session'
import { disconnectDb, getDb } from '@/lib/db'
import { readMailBody } from '@/lib/mail'
import { generateOtp, hotpCodeAt } from '@/lib/otp'
import { setTokenPin, verifyPin } from '@/lib/pins'
import { forgetCachedSettings } from '@/lib/settings'
import { createSoftwareToken } from '@/lib/tokens'
import { addUser } from '@/lib/users'
import { createUserLink } from '@/lib/user-links'
import { getSettings } from '@/lib/settings'
import { getMyToken, listMyTokens } from './my-tokens'
import { setNewPin } from './change-token-pin'
import { renameToken, reportTokenLost, resyncMyToken, revokeToken } from './change-token'
import { resetPinWithLink } from './reset-pin-with-link'
import { sendPinReminders } from './send-pin-reminders'
import { startPortalEnrollment } from './start-portal-enrollment'

setUpTempDatabase()
afterAll(() => disconnectDb())
beforeEach(() => forgetCachedSettings())

const context = { ip: '203.0.113.20', userAgent: 'test' }
const t0 = new Date('2026-11-24T12:00:10Z')
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000)

let n = 0
async function person({ type = 'TOTP' as 'TOTP' | 'HOTP', pin = '4827' } = {}) {
  const user = await addUser({ input: { username: `s${++n}`, email: `s${n}@example.com`, displayName: `Person ${n}` }, actor: CLI_ACTOR })
  const token = await createSoftwareToken({ userId: user.id, type })
  await getDb().token.update({ where: { id: token.id }, data: { status: 'ACTIVE', activatedAt: t0, name: `Phone ${n}` } })
  await setTokenPin({ tokenId: token.id, pin })
  await getDb().token.update({ where: { id: token.id }, data: { pinSetAt: t0 } })
  const session = await startUserSession({ user, kind: 'FULL', method: 'passcode', context, now: t0 })
  const checked = (await checkUserSession({ sessionId: session.id, now: t0 }))!
  return { user: { ...user, email: `s${n}@example.com`, displayName: `Person ${n}` }, token, session: checked, code: (when: Date, counter = 0) => generateOtp({ type, secret: token.secret, timestamp: when.getTime(), counter }) }
}
const tokenRow = (id: string) => getDb().token.findUniqueOrThrow({ where: { id } })

describe('sign-in and sessions', () => {
  it('signs in with PIN + code once per code, and limits attempts per username', async () => {
    const { user, code } = await person()
    expect(await signInWithPasscode({ username: user.username, passcode: `4827 ${code(t0)}`, context, now: t0 })).toMatchObject({ ok: true })
    // The code is used up: the same passcode never signs in again.
    expect(await signInWithPasscode({ username: user.username, passcode: `4827${code(t0)}`, context, now: t0 })).toEqual({
      ok: false,
      message: 'That did not work. Check your username, and type your PIN followed by the code your app shows now.',
    })
    expect((await signInWithPasscode({ username: 'nobody', passcode: `4827${code(t0)}`, context, now: t0 })).ok).toBe(false)
    const results = []
    for (let i = 0; i < 9; i++) results.push(await signInWithPasscode({ username: user.username, passcode: `0000${code(at(30))}`, context, now: at(1) }))
    expect(results.at(-1)).toEqual({ ok: false, message: 'Too many sign-in attempts. Please wait 15 minutes and try again.' })
  })

  it('tells a locked token when it unlocks', async () => {
    const { user, code } = await person()
    for (let i = 0; i < 10; i++) await signInWithPasscode({ username: user.username, passcode: `1111${code(t0)}`, context: { ip: `198.51.100.${i}` }, now: at(i * 100) })
    const locked = await getDb().token.findFirstOrThrow({ where: { userId: user.id } })
    expect(locked.lockedUntil).not.toBeNull()
    await getDb().rateLimit.deleteMany({})
    expect(await signInWithPasscode({ username: user.username, passcode: `4827${code(at(1000))}`, context, now: at(1000) })).toEqual({
      ok: false,
      message: `Your token is locked after too many wrong passcodes. It unlocks at ${locked.lockedUntil!.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })} UTC.`,
    })
  })

  it('ends a session after the idle timeout, and at once when ended elsewhere or the account is disabled', async () => {
    const { user, session } = await person()
    expect(await checkUserSession({ sessionId: session.sessionId, now: at(14 * 60) })).not.toBeNull()
    // Seen at 14 min: 15 more minutes from there.
    expect(await checkUserSession({ sessionId: session.sessionId, now: at(28 * 60) })).not.toBeNull()
    expect(await checkUserSession({ sessionId: session.sessionId, now: at(44 * 60) })).toBeNull()
    expect((await getDb().userSession.findUniqueOrThrow({ where: { id: session.sessionId } })).endedReason).toBe('idle')

    const another = await startUserSession({ user, kind: 'FULL', method: 'passcode', context, now: t0 })
    await getDb().user.update({ where: { id: user.id }, data: { status: 'DISABLED' } })
    expect(await checkUserSession({ sessionId: another.id, now: at(60) })).toBeNull()
  })

  it('asks for a new PIN first once the PIN is past its policy age', async () => {
    const { session, token } = await person()
    expect(session.mustChangePin).toBeNull()
    await getDb().token.update({ where: { id: token.id }, data: { pinSetAt: new Date(t0.getTime() - 91 * 86_400_000) } })
    expect((await checkUserSession({ sessionId: session.sessionId, now: t0 }))!.mustChangePin).toEqual({ tokenId: token.id, tokenName: expect.any(String) })
  })
})

describe('changing a PIN', () => {
  it('checks the new PIN, then a fresh code (counted), then sets it and ends the other sessions', async () => {
    const { user, token, session, code } = await person()
    const other = await startUserSession({ user, kind: 'FULL', method: 'passcode', context, now: t0 })
    const change = (over: Partial<Parameters<typeof setNewPin>[0]>) =>
      setNewPin({ user, tokenId: token.id, code: code(at(30)), pin: '5938', pinConfirm: '5938', context, keepSession: session.sessionId, via: 'portal', now: at(30), ...over })

    expect(await change({ pin: '1234', pinConfirm: '1234' })).toMatchObject({ ok: false, errors: { pin: [expect.stringContaining('too easy to guess')] } })
    expect(await change({ pin: '4827', pinConfirm: '4827' })).toEqual({ ok: false, errors: { pin: ['Choose a PIN different from your current one.'] } })
    expect(await change({ pinConfirm: '5939' })).toEqual({ ok: false, errors: { pinConfirm: ['The two PINs do not match. Type the same PIN in both fields.'] } })
    expect((await tokenRow(token.id)).failedAttempts).toBe(0) // none of these counted
    expect(await change({ code: code(at(-300)) })).toEqual({ ok: false, errors: { code: ['That code did not match. Type the code your app shows now for this token.'] } })
    expect((await tokenRow(token.id)).failedAttempts).toBe(1)

    expect(await change({})).toEqual({ ok: true })
    const row = await tokenRow(token.id)
    expect(verifyPin({ tokenId: token.id, pin: '5938', pinHash: row.pinHash! })).toBe(true)
    expect(row.pinSetAt).toEqual(at(30))
    expect(await checkUserSession({ sessionId: other.id, now: at(31) })).toBeNull()
    expect(await checkUserSession({ sessionId: session.sessionId, now: at(31) })).not.toBeNull()
    // The code is used up: a second change with it fails.
    expect(await change({ pin: '6049', pinConfirm: '6049' })).toMatchObject({ ok: false, errors: { code: ['That code was used already. Wait for the next one in your app.'] } })
    const mail = await getDb().outboxMessage.findFirstOrThrow({ where: { to: user.email, template: 'pin-changed' } })
    expect(readMailBody({ message: mail }).text).toContain('was changed on')
  })

  it('acts on the user’s own tokens only', async () => {
    const a = await person()
    const b = await person()
    expect(await setNewPin({ user: a.user, tokenId: b.token.id, code: b.code(at(30)), pin: '5938', pinConfirm: '5938', context, via: 'portal', now: at(30) })).toMatchObject({ ok: false, notFound: true })
    expect(await renameToken({ session: a.session, tokenId: b.token.id, name: 'Mine now', context })).toEqual({ ok: false, notFound: true })
    expect(await reportTokenLost({ session: a.session, tokenId: b.token.id, context })).toEqual({ ok: false, notFound: true })
    expect(await revokeToken({ session: a.session, tokenId: b.token.id, confirmName: 'Phone 0', context })).toEqual({ ok: false, notFound: true })
    expect(await getMyToken({ userId: a.user.id, tokenId: b.token.id })).toBeNull()
    expect(await tokenRow(b.token.id)).toMatchObject({ status: 'ACTIVE', failedAttempts: 0 })
  })
})

describe('resetting a forgotten PIN by link', () => {
  it('needs a code from the token, uses the link up, and locks the link after five wrong codes', async () => {
    const { user, token, session, code } = await person()
    const settings = await getSettings()
    const linkFor = async () => {
      await getDb().$transaction((tx) => createUserLink({ tx, user, purpose: 'PIN_RESET', settings, actor: CLI_ACTOR, now: at(10) }))
      const message = await getDb().outboxMessage.findFirstOrThrow({ where: { to: user.email, template: 'pin-reset-link' }, orderBy: { createdAt: 'desc' } })
      return /\/forgot-pin\/([A-Za-z0-9_-]{43})/.exec(readMailBody({ message }).text)![1]!
    }
    const link = await linkFor()
    const reset = (over: Partial<Parameters<typeof resetPinWithLink>[0]>) => resetPinWithLink({ token: link, tokenId: token.id, code: code(at(30)), pin: '5938', pinConfirm: '5938', context, now: at(30), ...over })
    expect(await reset({ code: '000000' })).toMatchObject({ ok: false, errors: { code: [expect.stringContaining('did not match')] } })
    expect(await reset({})).toEqual({ ok: true })
    expect(await reset({})).toEqual({ ok: false, dead: 'used' })
    expect(await checkUserSession({ sessionId: session.sessionId, now: at(31) })).toBeNull() // every session ends

    const second = await linkFor()
    const results = []
    for (let i = 0; i < 5; i++) results.push(await resetPinWithLink({ token: second, tokenId: token.id, code: '000000', pin: '6049', pinConfirm: '6049', context, now: at(40) }))
    expect(results.at(-1)).toEqual({ ok: false, dead: 'locked' })
  })
})

describe('token changes', () => {
  it('renames, reports lost and revokes, each audited and told by email; lost and revoked tokens end the other sessions', async () => {
    const { user, token, session } = await person()
    expect(await renameToken({ session, tokenId: token.id, name: '', context })).toEqual({ ok: false, error: 'Give your token a name.' })
    expect(await renameToken({ session, tokenId: token.id, name: 'Work phone', context })).toEqual({ ok: true })
    expect((await tokenRow(token.id)).name).toBe('Work phone')
    const other = await startUserSession({ user, kind: 'FULL', method: 'passcode', context })
    expect(await reportTokenLost({ session, tokenId: token.id, context })).toEqual({ ok: true })
    expect((await tokenRow(token.id)).status).toBe('LOST')
    expect(await checkUserSession({ sessionId: other.id })).toBeNull()
    expect(await revokeToken({ session, tokenId: token.id, confirmName: 'work phone', context })).toMatchObject({ ok: false, error: expect.stringContaining('“Work phone”') })
    expect(await revokeToken({ session, tokenId: token.id, confirmName: 'Work phone', context })).toEqual({ ok: true })
    expect((await tokenRow(token.id)).status).toBe('REVOKED')
    expect(await listMyTokens({ userId: user.id })).toEqual([])
    const templates = (await getDb().outboxMessage.findMany({ where: { to: user.email } })).map((m) => m.template)
    expect(templates).toEqual(expect.arrayContaining(['token-changed', 'token-status-changed']))
    const actions = (await getDb().auditEvent.findMany({ where: { subjectId: token.id } })).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['token.renamed', 'token.reported-lost', 'token.revoked']))
  })

  it('resynchronises a counter-based token from two consecutive codes, counts a failure, and tells the user', async () => {
    const { user, token, session } = await person({ type: 'HOTP' })
    const other = await person({ type: 'HOTP' })
    const codeAt = (c: number) => hotpCodeAt({ secret: token.secret, counter: c })
    const mails = async () => (await getDb().outboxMessage.findMany({ where: { to: user.email, template: 'token-changed' } })).length
    expect(await resyncMyToken({ session, tokenId: token.id, first: codeAt(40), second: codeAt(42), context })).toMatchObject({ ok: false, reason: 'no-match' })
    expect((await tokenRow(token.id)).failedAttempts).toBe(1)
    // Another user's token: not found, and nothing changes.
    expect(await resyncMyToken({ session, tokenId: other.token.id, first: codeAt(40), second: codeAt(41), context })).toEqual({ ok: false, reason: 'not-found' })
    expect(await mails()).toBe(0)
    expect(await resyncMyToken({ session, tokenId: token.id, first: codeAt(40), second: codeAt(41), context })).toEqual({ ok: true })
    expect(await tokenRow(token.id)).toMatchObject({ counter: 42, failedAttempts: 0 })
    expect(await mails()).toBe(1)
  })
})

describe('enrolling from the portal', () => {
  it('adds, moves and replaces within the policy, and a limited session only replaces a token reported lost', async () => {
    const { user, token, session } = await person()
    expect(await startPortalEnrollment({ session })).toEqual({ ok: false, problem: 'limit' })
    const moved = await startPortalEnrollment({ session, replaceTokenId: token.id })
    expect(moved).toMatchObject({ ok: true, link: expect.stringMatching(/^\/enroll\/[A-Za-z0-9_-]{43}$/) })
    const invitation = await getDb().enrollmentInvitation.findFirstOrThrow({ where: { userId: user.id, replacesTokenId: token.id } })
    expect(invitation.selfRequested).toBe(false)
    // No email: the person goes straight to the link.
    expect(await getDb().outboxMessage.count({ where: { to: user.email, template: { startsWith: 'enrollment' } } })).toBe(0)

    const limited: UserSession = { ...session, kind: 'LIMITED' }
    expect(await startPortalEnrollment({ session: limited })).toEqual({ ok: false, problem: 'has-token' })
    expect(await startPortalEnrollment({ session: limited, replaceTokenId: token.id })).toEqual({ ok: false, problem: 'not-yours' })
    await reportTokenLost({ session, tokenId: token.id, context })
    expect(await startPortalEnrollment({ session: limited })).toMatchObject({ ok: true })
    await getDb().settings.update({ where: { id: 1 }, data: { replacementNeedsApproval: true } })
    forgetCachedSettings()
    expect(await startPortalEnrollment({ session: limited })).toEqual({ ok: false, problem: 'approval' })
    await getDb().settings.update({ where: { id: 1 }, data: { replacementNeedsApproval: false } })
  })
})

describe('PIN expiry reminders', () => {
  it('emails once per PIN, the policy’s days before it expires', async () => {
    const { user, token } = await person()
    const settings = await getSettings()
    const day = 86_400_000
    await getDb().token.update({ where: { id: token.id }, data: { pinSetAt: new Date(t0.getTime() - (settings.pinMaxAgeDays! - settings.pinReminderDays - 1) * day) } })
    const reminders = () => getDb().outboxMessage.count({ where: { to: user.email, template: 'pin-expiring' } })
    await sendPinReminders({ now: t0 })
    expect(await reminders()).toBe(0)
    await getDb().token.update({ where: { id: token.id }, data: { pinSetAt: new Date(t0.getTime() - (settings.pinMaxAgeDays! - settings.pinReminderDays + 1) * day) } })
    await sendPinReminders({ now: t0 })
    expect(await reminders()).toBe(1)
    await sendPinReminders({ now: t0 })
    expect(await reminders()).toBe(1)
    const mail = await getDb().outboxMessage.findFirstOrThrow({ where: { to: user.email, template: 'pin-expiring' } })
    expect(readMailBody({ message: mail }).text).toMatch(/expires on \d+ \w+ \d{4}/)
  })
})
