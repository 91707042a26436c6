import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { startUserSession, type StaffSession } from '@/lib/auth'
import { disconnectDb, getDb } from '@/lib/db'
import { generateOtp } from '@/lib/otp'
import { setTokenPin } from '@/lib/pins'
import { forgetCachedSettings } from '@/lib/settings'
import { createSoftwareToken } from '@/lib/tokens'
import { addUser } from '@/lib/users'
import { validatePasscode } from '@/lib/validate'
import { cancelTemporaryPasscodeFor, issueTemporaryPasscodeFor, sendInvitationFor, temporaryPasscodeHours } from './user-actions'
import { runTokenAction, tokenActionsFor } from './token-actions'
import { getUserOverview } from './user-overview'
import { verifyCaller } from './verify-caller'

setUpTempDatabase()
afterAll(() => disconnectDb())
beforeEach(() => forgetCachedSettings())

const context = { ip: '203.0.113.30', userAgent: 'test' }
const t0 = new Date('2026-11-24T12:00:10Z')
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000)
const client = { id: 'vpn-1', name: 'vpn' }

let n = 0
let staff: StaffSession
async function helpdesk(): Promise<StaffSession> {
  if (staff) return staff
  const row = await getDb().staffUser.create({ data: { username: 'helen', email: 'helen@example.com', role: 'HELPDESK', activatedAt: t0 } })
  staff = { sessionId: 'staff-session', staff: { id: row.id, username: row.username, email: row.email, displayName: null, role: row.role }, authenticatedAt: t0 }
  return staff
}

async function person({ origin = 'SOFTWARE' as 'SOFTWARE' | 'HARDWARE' } = {}) {
  const user = await addUser({ input: { username: `h${++n}`, email: `h${n}@example.com`, displayName: `Caller ${n}` }, actor: CLI_ACTOR })
  const token = await createSoftwareToken({ userId: user.id, type: 'TOTP' })
  await getDb().token.update({ where: { id: token.id }, data: { status: 'ACTIVE', activatedAt: t0, name: `Phone ${n}`, origin } })
  await setTokenPin({ tokenId: token.id, pin: '4827' })
  await getDb().token.update({ where: { id: token.id }, data: { pinSetAt: t0 } })
  return { user, token, code: (when: Date) => generateOtp({ type: 'TOTP', secret: token.secret, timestamp: when.getTime(), counter: 0 }), session: await helpdesk() }
}
const tokenRow = (id: string) => getDb().token.findUnique({ where: { id } })
const mails = (to: string) => getDb().outboxMessage.findMany({ where: { to }, orderBy: { createdAt: 'asc' }, select: { template: true } }).then((r) => r.map((m) => m.template))
const events = (action: string) => getDb().auditEvent.findMany({ where: { action }, orderBy: { at: 'asc' } })

describe('verify a caller', () => {
  it('says whether the caller read the current code, uses it up, and counts wrong ones', async () => {
    const { user, token, code, session } = await person()
    expect(await verifyCaller({ session, userId: user.id, tokenId: token.id, code: code(t0), context, now: t0 })).toEqual({ verified: true, serial: token.serial })
    const [verified] = await events('helpdesk.caller-verified')
    expect(verified).toMatchObject({ actorType: 'STAFF', actorLabel: 'helen', subjectId: token.id })
    // Used up: neither the console nor a gateway accepts it again.
    expect(await verifyCaller({ session, userId: user.id, tokenId: token.id, code: code(t0), context, now: t0 })).toMatchObject({ verified: false, message: expect.stringMatching(/^That code was used already/) })
    expect(await validatePasscode({ username: user.username, passcode: `4827${code(t0)}`, client, context, now: t0 })).toMatchObject({ result: 'reject' })

    const wrong = await verifyCaller({ session, userId: user.id, tokenId: token.id, code: code(at(-3600)), context, now: at(30) })
    expect(wrong).toEqual({ verified: false, serial: token.serial, message: `The code does not match ${token.serial}: the caller may not hold this token.` })
    expect((await tokenRow(token.id))!.failedAttempts).toBe(1)
    expect(await verifyCaller({ session, userId: user.id, tokenId: token.id, code: 'abc', context, now: at(30) })).toMatchObject({ verified: false, message: expect.stringMatching(/^Type the code as the caller reads it/) })
  })

  it('checks a locked token without unlocking it, and refuses another user’s token', async () => {
    const { user, token, code, session } = await person()
    await getDb().token.update({ where: { id: token.id }, data: { lockedAt: t0, lockedUntil: at(900), failedAttempts: 10, lockCount: 1 } })
    expect(await verifyCaller({ session, userId: user.id, tokenId: token.id, code: code(at(60)), context, now: at(60) })).toEqual({ verified: true, serial: token.serial })
    expect(await tokenRow(token.id)).toMatchObject({ failedAttempts: 10, lockCount: 1, lastUsedAt: null })
    expect((await tokenRow(token.id))!.lockedAt).not.toBeNull()

    const other = await person()
    expect(await verifyCaller({ session, userId: user.id, tokenId: other.token.id, code: other.code(at(60)), context, now: at(60) })).toMatchObject({ verified: false, notFound: true })
  })

  it('limits caller checks per user', async () => {
    const { user, token, session } = await person()
    const results = []
    for (let i = 0; i < 11; i++) results.push(await verifyCaller({ session, userId: user.id, tokenId: token.id, code: '000000', context, now: at(i) }))
    expect(results.at(-1)).toEqual({ verified: false, message: 'Too many caller checks for this user. Try again in 15 minutes.' })
  })
})

describe('token actions', () => {
  it('resets a PIN without anyone seeing it: the old passcode stops working and the user gets a set-a-new-PIN link', async () => {
    const { user, token, code, session } = await person()
    const portal = await startUserSession({ user, kind: 'FULL', method: 'passcode', context, now: t0 })
    expect(await runTokenAction({ session, userId: user.id, tokenId: token.id, action: 'reset-pin', reason: 'Ticket 4711: forgot PIN', context, now: t0 })).toEqual({ ok: true })
    expect(await tokenRow(token.id)).toMatchObject({ pinHash: null, pinSetAt: null, status: 'ACTIVE' })
    expect(await validatePasscode({ username: user.username, passcode: `4827${code(t0)}`, client, context, now: t0 })).toMatchObject({ result: 'reject', reason: 'pin-not-set' })
    expect(await mails(user.email)).toEqual(['pin-reset-link'])
    expect(await getDb().userLink.count({ where: { userId: user.id, purpose: 'PIN_RESET', createdBy: 'helen' } })).toBe(1)
    expect((await getDb().userSession.findUniqueOrThrow({ where: { id: portal.id } })).endedReason).toBe('pin-reset')
    const [event] = (await events('helpdesk.pin-reset')).filter((e) => e.subjectId === token.id)
    expect(event).toMatchObject({ actorType: 'STAFF', actorLabel: 'helen' })
    expect(JSON.parse(event!.details!)).toMatchObject({ reason: 'Ticket 4711: forgot PIN', user: user.username })
  })

  it('refuses without a reason, for another user’s token, or in the wrong state, and changes nothing', async () => {
    const { user, token, session } = await person()
    const before = await tokenRow(token.id)
    expect(await runTokenAction({ session, userId: user.id, tokenId: token.id, action: 'disable', reason: '  ', context })).toEqual({ ok: false, errors: { reason: ['Give a reason of at least 3 characters, e.g. the ticket number.'] } })
    const other = await person()
    expect(await runTokenAction({ session, userId: other.user.id, tokenId: token.id, action: 'disable', reason: 'Ticket 1', context })).toEqual({ ok: false, notFound: true })
    expect(await runTokenAction({ session, userId: user.id, tokenId: token.id, action: 'unlock', reason: 'Ticket 1', context })).toEqual({ ok: false, errors: { form: ['This token is not locked.'] } })
    expect(await runTokenAction({ session, userId: user.id, tokenId: token.id, action: 'enable', reason: 'Ticket 1', context })).toEqual({ ok: false, errors: { form: ['This token is active, so it cannot be enabled.'] } })
    expect(await tokenRow(token.id)).toEqual(before)
    expect(await mails(user.email)).toEqual([])
  })

  it('unlocks, disables and enables, each told to the user by email', async () => {
    const { user, token, code, session } = await person()
    await getDb().token.update({ where: { id: token.id }, data: { lockedAt: t0, lockedUntil: null, failedAttempts: 10, lockCount: 3 } })
    expect(tokenActionsFor({ status: 'ACTIVE', lock: {} })).toContain('unlock')
    expect(await runTokenAction({ session, userId: user.id, tokenId: token.id, action: 'unlock', reason: 'Caller verified', context, now: t0 })).toEqual({ ok: true })
    expect(await tokenRow(token.id)).toMatchObject({ lockedAt: null, lockedUntil: null, failedAttempts: 0, lockCount: 0 })
    expect(await validatePasscode({ username: user.username, passcode: `4827${code(t0)}`, client, context, now: t0 })).toMatchObject({ result: 'accept' })

    expect(await runTokenAction({ session, userId: user.id, tokenId: token.id, action: 'disable', reason: 'On leave', context, now: at(60) })).toEqual({ ok: true })
    expect(await validatePasscode({ username: user.username, passcode: `4827${code(at(60))}`, client, context, now: at(60) })).toMatchObject({ result: 'reject' })
    expect(await runTokenAction({ session, userId: user.id, tokenId: token.id, action: 'enable', reason: 'Back from leave', context, now: at(90) })).toEqual({ ok: true })
    expect(await validatePasscode({ username: user.username, passcode: `4827${code(at(90))}`, client, context, now: at(90) })).toMatchObject({ result: 'accept' })
    expect(await mails(user.email)).toEqual(['token-status-changed', 'token-status-changed', 'token-status-changed'])
  })

  it('marks a token lost, and revokes: software seeds destroyed, hardware seeds kept until an admin returns the device to inventory', async () => {
    const soft = await person()
    expect(await runTokenAction({ session: soft.session, userId: soft.user.id, tokenId: soft.token.id, action: 'lost', reason: 'Phone stolen', context, now: t0 })).toEqual({ ok: true })
    expect((await tokenRow(soft.token.id))!.status).toBe('LOST')
    expect(await runTokenAction({ session: soft.session, userId: soft.user.id, tokenId: soft.token.id, action: 'revoke', reason: 'Phone stolen', context, now: t0 })).toEqual({ ok: true })
    expect(await tokenRow(soft.token.id)).toMatchObject({ status: 'REVOKED', secretCiphertext: '', pinHash: null, userId: soft.user.id })

    const hard = await person({ origin: 'HARDWARE' })
    expect(await runTokenAction({ session: hard.session, userId: hard.user.id, tokenId: hard.token.id, action: 'revoke', reason: 'Left the company', context, now: t0 })).toEqual({ ok: true })
    const returned = (await tokenRow(hard.token.id))!
    expect(returned).toMatchObject({ status: 'REVOKED', userId: hard.user.id, name: null, pinHash: null, failedAttempts: 0 })
    expect(returned.secretCiphertext).not.toBe('')
    const [event] = (await events('helpdesk.token-revoked')).filter((e) => e.subjectId === hard.token.id)
    expect(JSON.parse(event!.details!)).toMatchObject({ reason: 'Left the company', origin: 'HARDWARE', from: 'ACTIVE' })
  })
})

describe('user actions', () => {
  it('issues a temporary passcode within policy, shown once, and cancels it early', async () => {
    const { user, session } = await person()
    expect(temporaryPasscodeHours({ maxHours: 24, usualHours: 24 })).toEqual([1, 2, 4, 8, 12, 24])
    expect(temporaryPasscodeHours({ maxHours: 72, usualHours: 5 })).toEqual([1, 2, 4, 5, 8, 12, 24, 48, 72])
    // The policy's maximum (Settings.tempPasscodeMaxHours, default 72) bounds the choice.
    expect(await issueTemporaryPasscodeFor({ session, userId: user.id, reason: 'Token at home', hours: 168, singleUse: true, context, now: t0 })).toEqual({ ok: false, errors: { form: ['Choose a period of at most 72 hours.'] } })
    const issued = await issueTemporaryPasscodeFor({ session, userId: user.id, reason: 'Token at home', hours: 8, singleUse: false, context, now: t0 })
    if (!issued.ok) throw new Error('not issued')
    expect(issued.expiresAt).toEqual(at(8 * 3600))
    expect(await validatePasscode({ username: user.username, passcode: issued.passcode, client, context, now: at(60) })).toMatchObject({ result: 'accept' })
    expect((await getUserOverview({ userId: user.id, now: at(60) }))!.temporaryPasscode).toMatchObject({ singleUse: false, useCount: 1, createdBy: 'helen' })

    expect(await cancelTemporaryPasscodeFor({ session, userId: user.id, reason: 'Found the token', context, now: at(120) })).toEqual({ ok: true })
    expect(await validatePasscode({ username: user.username, passcode: issued.passcode, client, context, now: at(180) })).toMatchObject({ result: 'reject' })
    expect(await cancelTemporaryPasscodeFor({ session, userId: user.id, reason: 'Again', context, now: at(180) })).toEqual({ ok: false, errors: { form: ['This user has no temporary passcode that still works.'] } })
    expect(await mails(user.email)).toEqual(['temporary-passcode-issued', 'temporary-passcode-cancelled'])
    const [event] = (await events('temp-passcode.issued')).filter((e) => e.subjectId === user.id)
    expect(event).toMatchObject({ actorType: 'STAFF', actorLabel: 'helen' })
    expect(JSON.parse(event!.details!)).toMatchObject({ reason: 'Token at home', hours: 8, singleUse: false })
  })

  it('sends the first enrollment email, and a resend revokes the earlier link', async () => {
    const { user, session } = await person()
    expect(await sendInvitationFor({ session, userId: user.id, reason: 'New phone', context, now: t0 })).toEqual({ ok: true, resent: false })
    expect(await sendInvitationFor({ session, userId: user.id, reason: 'Lost the email', context, now: at(60) })).toEqual({ ok: true, resent: true })
    const invitations = await getDb().enrollmentInvitation.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'asc' } })
    expect(invitations.map((i) => i.revokedReason)).toEqual(['superseded', null])
    expect(await mails(user.email)).toEqual(['enrollment-invitation', 'enrollment-invitation'])
    const overview = (await getUserOverview({ userId: user.id, now: at(60) }))!
    expect(overview.invitations.map((i) => i.state)).toEqual(['sent', 'revoked'])
    expect(overview.recentEvents.map((e) => e.action)).toEqual(expect.arrayContaining(['helpdesk.invitation-sent', 'invitation.created', 'user.created']))
  })
})

describe('user overview', () => {
  it('shows tokens with their lock, PIN age and status, and nothing for an unknown id', async () => {
    const { user, token } = await person()
    await getDb().token.update({ where: { id: token.id }, data: { lockedAt: t0, lockedUntil: at(900), failedAttempts: 10 } })
    const overview = (await getUserOverview({ userId: user.id, now: at(10 * 86400) }))!
    expect(overview.user).toMatchObject({ username: user.username, status: 'ACTIVE' })
    // The lock lifted by itself 10 days ago: not shown as in force.
    expect(overview.tokens[0]).toMatchObject({ id: token.id, status: 'ACTIVE', failedAttempts: 10, lock: null, pin: { ageDays: 10, state: 'ok' } })
    expect((await getUserOverview({ userId: user.id, now: at(60) }))!.tokens[0]!.lock).toEqual({ since: t0, until: at(900) })
    expect(await getUserOverview({ userId: 'nobody' })).toBeNull()
  })
})
