import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { getConfig } from '@/lib/config'
import { hashPasswordScryptForTests } from '@/lib/crypto/hash-password'
import { disconnectDb, getDb } from '@/lib/db'
import { readMailBody } from '@/lib/mail'
import { hotpCodeAt, timeStepAt } from '@/lib/otp'
import { forgetCachedSettings } from '@/lib/settings'
import { addStaffUser, chooseStaffPassword, finishStaffSetup, readStaffSetupKey } from '@/lib/staff'
import { checkStaffSession } from './check-staff-session'
import { reauthenticateStaff } from './reauthenticate-staff'
import { safeStaffReturnPath } from './require-staff'
import { encodeSessionToken } from './session-cookie'
import { STAFF_CODE_USED, STAFF_SIGN_IN_FAILED, signInStaff } from './sign-in-staff'
import { isRecentSignIn, roleAllows } from './staff-session'
import { decodeStaffJwt, encodeStaffSessionToken } from './staff-session-cookie'
import { startUserSession } from './start-user-session'
import { checkUserSession } from './check-user-session'
import { addUser } from '@/lib/users'

setUpTempDatabase()
afterAll(() => disconnectDb())
beforeEach(() => forgetCachedSettings())

const context = { ip: '203.0.113.40', userAgent: 'test' }
const t0 = new Date('2026-11-24T12:00:10Z')
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000)
const PASSWORD = 'plum tractor umbrella lantern'

let n = 0
/** A staff member set up through the real link steps; `code(when)` is what their app shows. */
async function staffMember(role: 'helpdesk' | 'admin' = 'helpdesk') {
  const username = `staff${++n}`
  const added = await addStaffUser({ input: { username, email: `${username}@example.com`, role }, actor: CLI_ACTOR, now: t0 })
  const message = await getDb().outboxMessage.findFirstOrThrow({ where: { to: `${username}@example.com`, template: 'staff-setup' } })
  const token = /\/staff\/setup\/([A-Za-z0-9_-]{43})/.exec(readMailBody({ message }).text)![1]!
  const chosen = await chooseStaffPassword({ token, input: { password: PASSWORD, passwordConfirm: PASSWORD }, context, now: t0 })
  if (!chosen.ok) throw new Error('password step failed')
  const secret = (await readStaffSetupKey({ token, browser: chosen.browser, issuer: 'Acme', now: t0 }))!.groupedSecret.replace(/ /g, '')
  const code = (when: Date) => hotpCodeAt({ secret, counter: timeStepAt({ timestamp: when.getTime() }) })
  const done = await finishStaffSetup({ token, browser: chosen.browser, code: code(t0), context, now: t0 })
  if (!done.ok) throw new Error('set-up failed')
  return { id: added.id, username, code }
}

describe('roles and recent sign-in (pure)', () => {
  it('helpdesk ⊂ admin', () => {
    expect(roleAllows({ role: 'ADMIN', required: 'HELPDESK' })).toBe(true)
    expect(roleAllows({ role: 'ADMIN', required: 'ADMIN' })).toBe(true)
    expect(roleAllows({ role: 'HELPDESK', required: 'HELPDESK' })).toBe(true)
    expect(roleAllows({ role: 'HELPDESK', required: 'ADMIN' })).toBe(false)
  })
  it('counts a sign-in as recent for 10 minutes', () => {
    expect(isRecentSignIn({ authenticatedAt: t0, now: at(599) })).toBe(true)
    expect(isRecentSignIn({ authenticatedAt: t0, now: at(600) })).toBe(false)
  })
  it('returns only to staff pages after sign-in', () => {
    expect(safeStaffReturnPath('/staff/accounts')).toBe('/staff/accounts')
    expect(safeStaffReturnPath('/tokens')).toBe('/staff')
    expect(safeStaffReturnPath('//evil.example/staff')).toBe('/staff')
    expect(safeStaffReturnPath('/staffing')).toBe('/staff')
    expect(safeStaffReturnPath('/admin/exclusions')).toBe('/admin/exclusions')
    expect(safeStaffReturnPath('/staff/users?q=ada')).toBe('/staff/users?q=ada')
    expect(safeStaffReturnPath('/administrator')).toBe('/staff')
    expect(safeStaffReturnPath('/staff//evil.example')).toBe('/staff')
    expect(safeStaffReturnPath(null)).toBe('/staff')
  })
})

describe('staff sign-in', () => {
  it('signs in with password + code once per code; the set-up code is used up already', async () => {
    const s = await staffMember()
    expect(await signInStaff({ username: s.username, password: PASSWORD, code: s.code(t0), context, now: at(5) })).toEqual({ ok: false, message: STAFF_CODE_USED })
    const signedIn = await signInStaff({ username: s.username.toUpperCase(), password: PASSWORD, code: s.code(at(30)), context, now: at(30) })
    expect(signedIn).toMatchObject({ ok: true, staffId: s.id })
    // The same code again: refused, and not counted as a guess.
    expect(await signInStaff({ username: s.username, password: PASSWORD, code: s.code(at(30)), context, now: at(35) })).toEqual({ ok: false, message: STAFF_CODE_USED })
    expect((await getDb().staffUser.findUniqueOrThrow({ where: { id: s.id } })).failedAttempts).toBe(0)
    // Wrong password with a fresh code: the generic answer, which says nothing about the code.
    expect(await signInStaff({ username: s.username, password: 'wrong wrong wrong', code: s.code(at(60)), context, now: at(60) })).toEqual({ ok: false, message: STAFF_SIGN_IN_FAILED })
    expect(await signInStaff({ username: 'nobody', password: PASSWORD, code: s.code(at(60)), context, now: at(60) })).toEqual({ ok: false, message: STAFF_SIGN_IN_FAILED })
    expect(await signInStaff({ username: s.username, password: '', code: '', context, now: at(60) })).toMatchObject({ ok: false, message: expect.stringContaining('Enter your username') })
    const actions = (await getDb().auditEvent.findMany({ where: { subjectId: s.id }, orderBy: { at: 'asc' } })).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['staff.activated', 'staff.sign-in-accepted', 'staff.signed-in', 'staff.sign-in-rejected']))
  })

  it('locks after five failures (told only with the right password), and the lock lifts by itself', async () => {
    const s = await staffMember()
    for (let i = 0; i < 5; i++) await signInStaff({ username: s.username, password: PASSWORD, code: '000000', context: { ip: `198.51.100.${i}` }, now: at(30 + i) })
    const row = await getDb().staffUser.findUniqueOrThrow({ where: { id: s.id } })
    expect(row.lockedUntil).toEqual(at(34 + 15 * 60))
    expect(await signInStaff({ username: s.username, password: 'a wrong password', code: s.code(at(60)), context, now: at(60) })).toEqual({ ok: false, message: STAFF_SIGN_IN_FAILED })
    expect(await signInStaff({ username: s.username, password: PASSWORD, code: s.code(at(90)), context, now: at(90) })).toEqual({ ok: false, message: expect.stringContaining('locked after too many failed sign-ins. It unlocks at 24 November 2026 at 12:15 UTC') })
    await getDb().rateLimit.deleteMany({})
    expect(await signInStaff({ username: s.username, password: PASSWORD, code: s.code(at(16 * 60)), context, now: at(16 * 60) })).toMatchObject({ ok: true })
    expect(await getDb().auditEvent.count({ where: { action: 'staff.locked', subjectId: s.id } })).toBe(1)
  })

  it('limits attempts per username', async () => {
    const s = await staffMember()
    const results = []
    for (let i = 0; i < 11; i++) results.push(await signInStaff({ username: s.username, password: 'wrong password here', code: '123456', context: { ip: `192.0.2.${i}` }, now: at(40) }))
    expect(results.at(-1)).toEqual({ ok: false, message: 'Too many sign-in attempts. Please wait 15 minutes and try again.' })
    await getDb().rateLimit.deleteMany({})
  })

  it('verifies and replaces an older scrypt hash', async () => {
    const s = await staffMember()
    await getDb().staffUser.update({ where: { id: s.id }, data: { passwordHash: await hashPasswordScryptForTests({ password: PASSWORD, logN: 10 }) } })
    expect(await signInStaff({ username: s.username, password: PASSWORD, code: s.code(at(30)), context, now: at(30) })).toMatchObject({ ok: true })
    expect((await getDb().staffUser.findUniqueOrThrow({ where: { id: s.id } })).passwordHash).toMatch(/^\$argon2id\$/)
  })
})

describe('staff sessions', () => {
  it('checks the row on every request: idle timeout from settings, disabled accounts, role changes at once', async () => {
    const s = await staffMember()
    const signedIn = await signInStaff({ username: s.username, password: PASSWORD, code: s.code(at(30)), context, now: at(30) })
    if (!signedIn.ok) throw new Error('sign-in failed')
    expect(await checkStaffSession({ sessionId: signedIn.sessionId, now: at(30 + 14 * 60) })).toMatchObject({ staff: { username: s.username, role: 'HELPDESK' } })
    await getDb().staffUser.update({ where: { id: s.id }, data: { role: 'ADMIN' } })
    expect((await checkStaffSession({ sessionId: signedIn.sessionId, now: at(30 + 15 * 60) }))!.staff.role).toBe('ADMIN')
    expect(await checkStaffSession({ sessionId: signedIn.sessionId, now: at(30 + 44 * 60) })).toBeNull()
    expect((await getDb().staffSession.findUniqueOrThrow({ where: { id: signedIn.sessionId } })).endedReason).toBe('idle')

    await getDb().settings.update({ where: { id: 1 }, data: { staffSessionIdleMinutes: 5 } })
    forgetCachedSettings()
    const again = await signInStaff({ username: s.username, password: PASSWORD, code: s.code(at(3000)), context, now: at(3000) })
    if (!again.ok) throw new Error('sign-in failed')
    expect(await checkStaffSession({ sessionId: again.sessionId, now: at(3000 + 6 * 60) })).toBeNull()
    await getDb().settings.update({ where: { id: 1 }, data: { staffSessionIdleMinutes: 15 } })
    forgetCachedSettings()

    const third = await signInStaff({ username: s.username, password: PASSWORD, code: s.code(at(4000)), context, now: at(4000) })
    if (!third.ok) throw new Error('sign-in failed')
    await getDb().staffUser.update({ where: { id: s.id }, data: { disabledAt: at(4001) } })
    expect(await checkStaffSession({ sessionId: third.sessionId, now: at(4002) })).toBeNull()
  })

  it('keeps user and staff sessions apart: different tables, and a user token does not decrypt as a staff one', async () => {
    const s = await staffMember()
    const signedIn = await signInStaff({ username: s.username, password: PASSWORD, code: s.code(at(30)), context, now: at(30) })
    if (!signedIn.ok) throw new Error('sign-in failed')
    const user = await addUser({ input: { username: 'enduser', email: 'enduser@example.com' }, actor: CLI_ACTOR })
    const userSession = await startUserSession({ user, kind: 'FULL', method: 'passcode', context, now: at(30) })
    expect(await checkStaffSession({ sessionId: userSession.id, now: at(31) })).toBeNull()
    expect(await checkUserSession({ sessionId: signedIn.sessionId, now: at(31) })).toBeNull()

    const secret = getConfig().nextAuthSecret
    const userToken = await encodeSessionToken({ sub: user.id, sid: userSession.id, kind: 'FULL' })
    await expect(decodeStaffJwt({ token: userToken, secret })).rejects.toThrow()
    const staffToken = await encodeStaffSessionToken({ sub: s.id, sid: signedIn.sessionId })
    expect(await decodeStaffJwt({ token: staffToken, secret })).toMatchObject({ sid: signedIn.sessionId })
  })

  it('re-authentication renews authenticatedAt with password and a fresh code', async () => {
    const s = await staffMember()
    const signedIn = await signInStaff({ username: s.username, password: PASSWORD, code: s.code(at(30)), context, now: at(30) })
    if (!signedIn.ok) throw new Error('sign-in failed')
    const session = (await checkStaffSession({ sessionId: signedIn.sessionId, now: at(700) }))!
    expect(isRecentSignIn({ authenticatedAt: session.authenticatedAt, now: at(700) })).toBe(false)
    expect(await reauthenticateStaff({ session, password: PASSWORD, code: s.code(at(30)), context, now: at(700) })).toEqual({ ok: false, message: STAFF_SIGN_IN_FAILED })
    expect(await reauthenticateStaff({ session, password: PASSWORD, code: s.code(at(700)), context, now: at(700) })).toEqual({ ok: true })
    const renewed = (await checkStaffSession({ sessionId: signedIn.sessionId, now: at(701) }))!
    expect(renewed.authenticatedAt).toEqual(at(700))
  })
})
