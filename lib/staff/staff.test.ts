import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { getDb, disconnectDb } from '@/lib/db'
import { readMailBody } from '@/lib/mail'
import { hotpCodeAt, timeStepAt } from '@/lib/otp'
import { forgetCachedSettings } from '@/lib/settings'
import { addStaffUser } from './add-staff-user'
import { changeStaffRole, setStaffDisabled } from './manage-staff-user'
import { chooseStaffPassword } from './choose-staff-password'
import { finishStaffSetup } from './finish-staff-setup'
import { hasActiveAdmin, issueFirstAdminLink } from './issue-first-admin-link'
import { checkStaffPassword } from './password-policy'
import { readStaffSetupKey } from './read-staff-setup-key'
import { resolveStaffLink } from './resolve-staff-link'

setUpTempDatabase()
afterAll(() => disconnectDb())
beforeEach(() => forgetCachedSettings())

const context = { ip: '203.0.113.30', userAgent: 'test' }
const t0 = new Date('2026-11-24T12:00:10Z')
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000)
const GOOD = 'plum tractor umbrella lantern'
const codeAt = (secret: string, when: Date) => hotpCodeAt({ secret, counter: timeStepAt({ timestamp: when.getTime() }) })
const secretOf = (key: { groupedSecret: string }) => key.groupedSecret.replace(/ /g, '')
const tokenIn = (url: string) => /\/staff\/setup\/([A-Za-z0-9_-]{43})$/.exec(url)![1]!

describe('checkStaffPassword', () => {
  it('wants 12 characters or more, and at most 128', () => {
    expect(checkStaffPassword({ password: 'short pass' })).toEqual([expect.stringContaining('at least 12 characters (this one has 10)')])
    expect(checkStaffPassword({ password: 'x'.repeat(12) })).toEqual([expect.stringContaining('repeats')])
    expect(checkStaffPassword({ password: 'abc1abc1abc1' })).toEqual([expect.stringContaining('repeats')])
    expect(checkStaffPassword({ password: 'ab'.repeat(65) })).toEqual(['Use at most 128 characters.'])
    expect(checkStaffPassword({ password: GOOD })).toEqual([])
  })
  it.each(['1234567890qwerty', 'PasswordPassword', 'password1234', 'Sunshine2024!!', 'iloveyou1234', '123456789012'])('refuses the common password %j', (password) => {
    expect(checkStaffPassword({ password })).toEqual([expect.stringMatching(/commonly used|repeats/)])
  })
  it('refuses a password holding the username or the email name', () => {
    expect(checkStaffPassword({ password: 'my name is alexandra', username: 'alexandra' })).toEqual(['The password must not contain your username or email address.'])
    expect(checkStaffPassword({ password: 'hello from a.smith here', email: 'a.smith@example.com' })).toEqual(['The password must not contain your username or email address.'])
  })
})

/** Adds a staff member by the CLI's path and returns the set-up token from their email. */
async function addStaff(username: string, role: 'helpdesk' | 'admin' = 'helpdesk') {
  const added = await addStaffUser({ input: { username, email: `${username}@example.com`, role }, actor: CLI_ACTOR, now: t0 })
  const message = await getDb().outboxMessage.findFirstOrThrow({ where: { to: `${username}@example.com`, template: 'staff-setup' }, orderBy: { createdAt: 'desc' } })
  const text = readMailBody({ message }).text
  return { added, text, token: /\/staff\/setup\/([A-Za-z0-9_-]{43})/.exec(text)![1]! }
}

describe('staff accounts and set-up links', () => {
  it('adds a pending account and emails a 24-hour link, stored only as a hash; duplicates and bad input are refused', async () => {
    const { added, text, token } = await addStaff('helen')
    expect(added).toMatchObject({ username: 'helen', role: 'helpdesk', setupLinkExpiresAt: at(24 * 3600 - 0) })
    expect(text).toContain('Your username is helen')
    const links = await getDb().staffLink.findMany({ where: { staffUserId: added.id } })
    expect(links).toHaveLength(1)
    expect(JSON.stringify(links)).not.toContain(token)
    expect((await getDb().staffUser.findUniqueOrThrow({ where: { id: added.id } })).activatedAt).toBeNull()
    await expect(addStaffUser({ input: { username: 'HELEN', email: 'h2@example.com', role: 'admin' }, actor: CLI_ACTOR })).rejects.toThrow('A staff account named helen already exists')
    await expect(addStaffUser({ input: { username: 'x', email: 'x@example.com', role: 'root' }, actor: CLI_ACTOR })).rejects.toThrow('Role must be helpdesk or admin')
    await expect(addStaffUser({ input: { username: 'y', email: 'not-an-email', role: 'admin' }, actor: CLI_ACTOR })).rejects.toThrow('Email must be a valid address')
    expect((await resolveStaffLink({ token, now: at(24 * 3600 + 1) })).state).toBe('expired')
    const actions = (await getDb().auditEvent.findMany({ where: { subjectId: added.id } })).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['staff.created', 'staff-link.created']))
  })

  it('sets up with a password, then the authenticator shown only to that browser, and uses the link once', async () => {
    const { added, token } = await addStaff('henry')
    expect(await chooseStaffPassword({ token, input: { password: 'henry is my name ok', passwordConfirm: 'henry is my name ok' }, context, now: at(60) })).toEqual({
      ok: false,
      errors: { password: ['The password must not contain your username or email address.'] },
    })
    expect(await chooseStaffPassword({ token, input: { password: GOOD, passwordConfirm: `${GOOD}!` }, context, now: at(60) })).toMatchObject({ ok: false, errors: { passwordConfirm: [expect.any(String)] } })
    const chosen = await chooseStaffPassword({ token, input: { password: GOOD, passwordConfirm: GOOD }, context, now: at(60) })
    if (!chosen.ok) throw new Error('password step failed')
    const row = await getDb().staffUser.findUniqueOrThrow({ where: { id: added.id } })
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)

    expect(await readStaffSetupKey({ token, browser: 'another-browser', issuer: 'Acme', now: at(61) })).toBeNull()
    const key = (await readStaffSetupKey({ token, browser: chosen.browser, issuer: 'Acme', context, now: at(61) }))!
    expect(key).toMatchObject({ issuer: 'Acme staff', accountName: 'henry', digits: 6 })
    expect(key.keyUri).toMatch(/^otpauth:\/\/totp\/Acme%20staff:henry\?secret=[A-Z2-7]{32}&/)
    expect(row.totpSecretCiphertext).not.toContain(secretOf(key))

    expect(await finishStaffSetup({ token, browser: 'another-browser', code: codeAt(secretOf(key), at(90)), context, now: at(90) })).toEqual({ ok: false, dead: true })
    expect(await finishStaffSetup({ token, browser: chosen.browser, code: '000000', context, now: at(90) })).toMatchObject({ ok: false, remaining: 4 })
    expect(await finishStaffSetup({ token, browser: chosen.browser, code: codeAt(secretOf(key), at(90)), context, now: at(90) })).toEqual({ ok: true, staff: { id: added.id, username: 'henry' } })
    const done = await getDb().staffUser.findUniqueOrThrow({ where: { id: added.id } })
    expect(done.activatedAt).toEqual(at(90))
    expect(done.totpLastTimeStep).toBe(timeStepAt({ timestamp: at(90).getTime() }))
    expect((await resolveStaffLink({ token, now: at(91) })).state).toBe('used')
    expect(await readStaffSetupKey({ token, browser: chosen.browser, issuer: 'Acme', now: at(91) })).toBeNull()
    expect(await chooseStaffPassword({ token, input: { password: GOOD, passwordConfirm: GOOD }, context, now: at(92) })).toEqual({ ok: false, errors: {}, dead: true })
  })

  it('locks a link after five wrong codes', async () => {
    const { token } = await addStaff('hugo')
    const chosen = await chooseStaffPassword({ token, input: { password: GOOD, passwordConfirm: GOOD }, context, now: at(60) })
    if (!chosen.ok) throw new Error('password step failed')
    const results = []
    for (let i = 0; i < 5; i++) results.push(await finishStaffSetup({ token, browser: chosen.browser, code: '000000', context, now: at(70) }))
    expect(results.at(-2)).toMatchObject({ remaining: 1 })
    expect(results.at(-1)).toEqual({ ok: false, dead: true })
    expect((await resolveStaffLink({ token, now: at(71) })).state).toBe('locked')
  })

  it('prints a first-admin link (an hour) while no admin exists, and none once one is set up', async () => {
    expect(await hasActiveAdmin()).toBe(false)
    const first = (await issueFirstAdminLink({ createdBy: 'console', now: t0 }))!
    const second = (await issueFirstAdminLink({ createdBy: 'cli', now: t0 }))!
    expect(first.expiresAt).toEqual(at(3600))
    expect((await resolveStaffLink({ token: tokenIn(first.url), now: at(3601) })).state).toBe('expired')
    // A pending admin (added but not set up) does not count.
    await addStaff('pending-admin', 'admin')
    expect(await hasActiveAdmin()).toBe(false)

    const token = tokenIn(second.url)
    expect(await chooseStaffPassword({ token, input: { username: 'Helen', email: 'boss@example.com', password: GOOD, passwordConfirm: GOOD }, context, now: at(10) })).toEqual({
      ok: false,
      errors: { username: ['That username is taken by another staff account.'] },
    })
    expect(await chooseStaffPassword({ token, input: { username: '', email: 'nope', password: GOOD, passwordConfirm: GOOD }, context, now: at(10) })).toMatchObject({ ok: false, errors: { username: [expect.any(String)], email: [expect.any(String)] } })
    const chosen = await chooseStaffPassword({ token, input: { username: 'Boss', email: 'boss@example.com', displayName: 'The Boss', password: GOOD, passwordConfirm: GOOD }, context, now: at(10) })
    if (!chosen.ok) throw new Error('password step failed')
    const key = (await readStaffSetupKey({ token, browser: chosen.browser, issuer: 'Acme', now: at(11) }))!
    const done = await finishStaffSetup({ token, browser: chosen.browser, code: codeAt(secretOf(key), at(20)), context, now: at(20) })
    expect(done).toMatchObject({ ok: true, staff: { username: 'boss' } })
    expect(await getDb().staffUser.findUniqueOrThrow({ where: { username: 'boss' } })).toMatchObject({ role: 'ADMIN', email: 'boss@example.com', displayName: 'The Boss' })
    expect(await hasActiveAdmin()).toBe(true)
    expect(await issueFirstAdminLink({ createdBy: 'console', now: at(30) })).toBeNull()
    // The other printed link no longer works.
    expect((await resolveStaffLink({ token: tokenIn(first.url), now: at(30) })).state).toBe('used')
  })
})

describe('managing staff', () => {
  const admin = async (username: string, { active = true } = {}) =>
    getDb().staffUser.create({ data: { username, email: `${username}@example.com`, role: 'ADMIN', activatedAt: active ? t0 : null } })
  const sessionOf = (s: { id: string; username: string; email: string }) => ({ sessionId: 'x', staff: { id: s.id, username: s.username, email: s.email, displayName: null, role: 'ADMIN' as const }, authenticatedAt: t0 })

  it('changes roles and disables accounts, ending their sessions, but never the last active administrator', async () => {
    await getDb().staffUser.deleteMany({})
    const ada = await admin('ada')
    const pending = await admin('pat', { active: false })
    const session = sessionOf(ada)
    // Ada is the only active administrator: a pending admin does not count.
    expect(await changeStaffRole({ session, staffId: ada.id, role: 'HELPDESK' })).toEqual({ ok: false, error: 'ada is the last active administrator. Make someone else an administrator first.' })
    expect(await setStaffDisabled({ session, staffId: ada.id, disabled: true, now: at(1) })).toEqual({ ok: false, error: 'ada is the last active administrator and cannot be disabled. Make someone else an administrator first.' })
    expect((await getDb().staffUser.findUniqueOrThrow({ where: { id: ada.id } })).role).toBe('ADMIN')

    const bob = await admin('bob')
    await getDb().staffSession.create({ data: { staffUserId: bob.id } })
    expect(await setStaffDisabled({ session, staffId: bob.id, disabled: true, now: at(2) })).toEqual({ ok: true })
    expect(await getDb().staffSession.count({ where: { staffUserId: bob.id, endedAt: null } })).toBe(0)
    // Bob, disabled, no longer counts as an administrator.
    expect((await changeStaffRole({ session, staffId: ada.id, role: 'HELPDESK' })).ok).toBe(false)
    expect(await setStaffDisabled({ session, staffId: bob.id, disabled: false, now: at(3) })).toEqual({ ok: true })
    expect(await changeStaffRole({ session, staffId: ada.id, role: 'HELPDESK' })).toEqual({ ok: true })
    expect(await changeStaffRole({ session, staffId: pending.id, role: 'HELPDESK' })).toEqual({ ok: true })
    expect(await changeStaffRole({ session, staffId: 'nobody', role: 'ADMIN' })).toEqual({ ok: false, notFound: true })
    const actions = (await getDb().auditEvent.findMany({ where: { subjectType: 'staff', actorLabel: 'ada' }, orderBy: { at: 'asc' } })).map((e) => `${e.action} ${e.subjectLabel}`)
    expect(actions).toEqual(['staff.disabled bob', 'staff.enabled bob', 'staff.role-changed ada', 'staff.role-changed pat'])
  })
})
