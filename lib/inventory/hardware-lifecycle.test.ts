import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import type { StaffSession } from '@/lib/auth'
import { disconnectDb, getDb } from '@/lib/db'
import { runTokenAction } from '@/lib/helpdesk'
import { readMailBody } from '@/lib/mail'
import { bytesToBase32, hotpCodeAt } from '@/lib/otp'
import { forgetCachedSettings } from '@/lib/settings'
import { addUser } from '@/lib/users'
import { validatePasscode } from '@/lib/validate'
import { activateAssignedToken } from './activate-assigned-token'
import { assignHardwareToken } from './assign-hardware-token'
import { CLAIM_FAILED, claimHardwareToken } from './claim-hardware-token'
import { importHardwareTokens } from './import-hardware-tokens'
import { findHardwareToken, listHardwareTokens } from './list-hardware-tokens'
import { returnTokenToInventory } from './return-token-to-inventory'

setUpTempDatabase()
afterAll(() => disconnectDb())
beforeEach(() => forgetCachedSettings())

const t0 = new Date('2026-11-01T09:00:15Z')
const context = { ip: '198.51.100.7', userAgent: 'vitest' }
const seedBytes = (serial: string) => Buffer.from(`seed-of-${serial}`.padEnd(20, '#'))
const hotp = (serial: string, counter: number) => hotpCodeAt({ secret: bytesToBase32(seedBytes(serial)), counter })
const client = { id: 'c', name: 'vpn' }

async function stock(serial: string, type: 'HOTP' | 'TOTP' = 'HOTP') {
  await importHardwareTokens({ file: { format: 'csv', skipped: [], seeds: [{ serial, type, secret: seedBytes(serial), algorithm: 'SHA1', digits: 6, period: 30, counter: 0, where: 'line 2' }] }, source: 'seeds.csv', actor: CLI_ACTOR })
}
let n = 0
async function person() {
  n++
  const user = await addUser({ input: { username: `hw${n}`, email: `hw${n}@example.com`, displayName: `Person ${n}` }, actor: CLI_ACTOR })
  return { id: user.id, username: `hw${n}`, email: `hw${n}@example.com`, displayName: `Person ${n}` }
}
async function staff(role: 'HELPDESK' | 'ADMIN' = 'ADMIN'): Promise<StaffSession> {
  const row = await getDb().staffUser.create({ data: { username: `staff${++n}`, email: `staff${n}@example.com`, role, activatedAt: t0 } })
  return { sessionId: `s${n}`, staff: { id: row.id, username: row.username, email: row.email, displayName: null, role: row.role }, authenticatedAt: t0 }
}
const row = (serial: string) => getDb().token.findUniqueOrThrow({ where: { serial } })
async function linkFor(email: string) {
  const message = await getDb().outboxMessage.findFirstOrThrow({ where: { to: email, template: 'hardware-token-assigned' }, orderBy: { createdAt: 'desc' } })
  return /\/activate\/([A-Za-z0-9_-]{43})/.exec(readMailBody({ message }).text)![1]!
}
const policy = (data: { hardwareClaimEnabled?: boolean; maxTokensPerUser?: number }) => getDb().settings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data })

describe('assign from the console, activate from the emailed link', () => {
  it('inventory → assigned (never validates) → active with a PIN after a code from the device', async () => {
    await stock('HW-1')
    const user = await person()
    const session = await staff('HELPDESK')
    expect(await assignHardwareToken({ session, userId: user.id, serial: 'HW-1', reason: 'Ticket 42', context, now: t0 })).toMatchObject({ ok: true, serial: 'HW-1', resent: false })
    expect(await row('HW-1')).toMatchObject({ status: 'ASSIGNED', userId: user.id, pinHash: null })
    const link = await linkFor(user.email)
    // The link token is kept only as a keyed hash.
    expect(await getDb().enrollmentInvitation.count({ where: { tokenHash: link } })).toBe(0)
    expect((await validatePasscode({ username: user.username, passcode: `4827${hotp('HW-1', 0)}`, client, context, now: t0 })).result).toBe('reject')

    // A wrong code counts and changes nothing else.
    const wrong = await activateAssignedToken({ token: link, code: '000000', pin: '4827', pinConfirm: '4827', context, now: t0 })
    expect(wrong).toMatchObject({ ok: false, errors: { code: [expect.stringMatching(/did not match token HW-1.*4 tries left/)] } })
    expect((await row('HW-1')).status).toBe('ASSIGNED')

    expect(await activateAssignedToken({ token: link, code: hotp('HW-1', 0), pin: '4827', pinConfirm: '4827', context, now: t0 })).toMatchObject({ ok: true, serial: 'HW-1' })
    expect(await row('HW-1')).toMatchObject({ status: 'ACTIVE', userId: user.id, counter: 1 })
    // The code used to activate is used up; the next one works with the PIN.
    expect((await validatePasscode({ username: user.username, passcode: `4827${hotp('HW-1', 0)}`, client, context, now: t0 })).result).toBe('reject')
    expect((await validatePasscode({ username: user.username, passcode: `4827${hotp('HW-1', 1)}`, client, context, now: t0 })).result).toBe('accept')
    await expect(activateAssignedToken({ token: link, code: hotp('HW-1', 2), pin: '4827', pinConfirm: '4827', context, now: t0 })).rejects.toThrow(/can no longer be used/)
    const actions = (await getDb().auditEvent.findMany({ where: { subjectLabel: 'HW-1' }, orderBy: { at: 'asc' } })).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['inventory.assigned', 'token.activation-code-rejected', 'token.activated', 'pin.set']))
  })

  it('refuses a serial not in inventory, and a token assigned to someone else', async () => {
    await stock('HW-2')
    const [a, b] = [await person(), await person()]
    const session = await staff()
    expect(await assignHardwareToken({ session, userId: a.id, serial: 'NOPE', reason: 'Ticket 42', context, now: t0 })).toMatchObject({ ok: false, errors: { serial: [expect.stringContaining('No hardware token')] } })
    expect((await assignHardwareToken({ session, userId: a.id, serial: 'HW-2', reason: 'Ticket 42', context, now: t0 })).ok).toBe(true)
    expect((await assignHardwareToken({ session, userId: b.id, serial: 'HW-2', reason: 'Ticket 42', context, now: t0 })).ok).toBe(false)
    expect((await row('HW-2')).userId).toBe(a.id)
    // Assigning again to the same person sends a fresh link; the old one stops working.
    const first = await linkFor(a.email)
    expect(await assignHardwareToken({ session, userId: a.id, serial: 'HW-2', reason: 'Ticket 42', context, now: new Date(t0.getTime() + 1000) })).toMatchObject({ ok: true, resent: true })
    await expect(activateAssignedToken({ token: first, code: hotp('HW-2', 0), pin: '4827', pinConfirm: '4827', context, now: t0 })).rejects.toThrow(/can no longer be used/)
  })
})

describe('claim in self-service', () => {
  it('is refused while the policy is off (the default)', async () => {
    await stock('HW-C0')
    const user = await person()
    await expect(claimHardwareToken({ user, serial: 'HW-C0', first: hotp('HW-C0', 0), second: hotp('HW-C0', 1), pin: '4827', pinConfirm: '4827', context, now: t0 })).rejects.toThrow(/not offered/)
    expect((await row('HW-C0')).status).toBe('INVENTORY')
  })

  it('takes a token by serial + two consecutive codes; a wrong serial and wrong codes read the same', async () => {
    await policy({ hardwareClaimEnabled: true })
    await stock('HW-C1')
    const user = await person()
    const claim = (serial: string, first: string, second: string) => claimHardwareToken({ user, serial, first, second, pin: '4827', pinConfirm: '4827', context: { ...context, ip: `203.0.113.${n}` }, now: t0 })
    const unknown = await claim('HW-NONE', hotp('HW-C1', 0), hotp('HW-C1', 1))
    const wrongCodes = await claim('HW-C1', hotp('HW-C1', 1), hotp('HW-C1', 0))
    expect(unknown).toEqual({ ok: false, errors: { codes: [CLAIM_FAILED] } })
    expect(wrongCodes).toEqual(unknown)
    expect(await row('HW-C1')).toMatchObject({ status: 'INVENTORY', userId: null, counter: 0 })

    expect(await claim('HW-C1', hotp('HW-C1', 3), hotp('HW-C1', 4))).toMatchObject({ ok: true, serial: 'HW-C1' })
    expect(await row('HW-C1')).toMatchObject({ status: 'ACTIVE', userId: user.id, counter: 5 })
    expect((await validatePasscode({ username: user.username, passcode: `4827${hotp('HW-C1', 5)}`, client, context, now: t0 })).result).toBe('accept')
  })

  it('cannot take a token someone holds or was assigned, and respects tokens-per-user', async () => {
    await policy({ hardwareClaimEnabled: true, maxTokensPerUser: 1 })
    await stock('HW-C2')
    const [holder, other] = [await person(), await person()]
    expect((await assignHardwareToken({ session: await staff(), userId: holder.id, serial: 'HW-C2', reason: 'Ticket 42', context, now: t0 })).ok).toBe(true)
    expect(await claimHardwareToken({ user: other, serial: 'HW-C2', first: hotp('HW-C2', 0), second: hotp('HW-C2', 1), pin: '4827', pinConfirm: '4827', context: { ...context, ip: '203.0.113.200' }, now: t0 })).toEqual({ ok: false, errors: { codes: [CLAIM_FAILED] } })
    expect((await row('HW-C2')).userId).toBe(holder.id)

    await stock('HW-C3')
    const full = await getDb().user.findFirstOrThrow({ where: { tokens: { some: { status: 'ACTIVE' } } }, select: { id: true, username: true, email: true, displayName: true } })
    expect(await claimHardwareToken({ user: full, serial: 'HW-C3', first: hotp('HW-C3', 0), second: hotp('HW-C3', 1), pin: '4827', pinConfirm: '4827', context, now: t0 })).toMatchObject({ ok: false, errors: { form: [expect.stringMatching(/the most allowed/)] } })
    expect((await row('HW-C3')).status).toBe('INVENTORY')
  })

  it('is rate-limited per person: the sixth try in 15 minutes is refused even with the right codes', async () => {
    await policy({ hardwareClaimEnabled: true })
    await stock('HW-C4')
    const user = await person()
    const ctx = { ...context, ip: '203.0.113.250' }
    for (let i = 0; i < 5; i++) expect((await claimHardwareToken({ user, serial: 'HW-C4', first: '111111', second: '222222', pin: '4827', pinConfirm: '4827', context: ctx, now: t0 })).ok).toBe(false)
    await expect(claimHardwareToken({ user, serial: 'HW-C4', first: hotp('HW-C4', 0), second: hotp('HW-C4', 1), pin: '4827', pinConfirm: '4827', context: ctx, now: t0 })).rejects.toThrow(/Too many attempts/)
    expect((await row('HW-C4')).status).toBe('INVENTORY')
  })
})

describe('revoked → back to inventory', () => {
  it('revoke keeps the sealed seed; an admin returns the token to stock, ready for a new holder', async () => {
    await policy({ hardwareClaimEnabled: true, maxTokensPerUser: 3 })
    await stock('HW-R')
    const user = await person()
    expect((await claimHardwareToken({ user, serial: 'HW-R', first: hotp('HW-R', 0), second: hotp('HW-R', 1), pin: '4827', pinConfirm: '4827', context: { ...context, ip: '203.0.113.251' }, now: t0 })).ok).toBe(true)
    const id = (await row('HW-R')).id
    const admin = await staff()
    expect(await returnTokenToInventory({ session: admin, tokenId: id, context, now: t0 })).toMatchObject({ ok: false, errors: { form: [expect.stringMatching(/is active/)] } })
    expect(await runTokenAction({ session: admin, userId: user.id, tokenId: id, action: 'revoke', reason: 'Left the company', context, now: t0 })).toEqual({ ok: true })
    const revoked = await row('HW-R')
    expect(revoked).toMatchObject({ status: 'REVOKED', userId: user.id, pinHash: null })
    expect(revoked.secretCiphertext).not.toBe('')
    // Revoked is not stock: nobody can claim it until an admin returns it.
    const other = await person()
    expect((await claimHardwareToken({ user: other, serial: 'HW-R', first: hotp('HW-R', 2), second: hotp('HW-R', 3), pin: '4827', pinConfirm: '4827', context: { ...context, ip: '203.0.113.252' }, now: t0 })).ok).toBe(false)

    expect(await returnTokenToInventory({ session: admin, tokenId: id, context, now: t0 })).toEqual({ ok: true, serial: 'HW-R' })
    expect(await row('HW-R')).toMatchObject({ status: 'INVENTORY', userId: null, name: null, pinHash: null, secretCiphertext: revoked.secretCiphertext })
    expect((await claimHardwareToken({ user: other, serial: 'HW-R', first: hotp('HW-R', 2), second: hotp('HW-R', 3), pin: '4827', pinConfirm: '4827', context: { ...context, ip: '203.0.113.253' }, now: t0 })).ok).toBe(true)
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { action: 'inventory.returned', subjectId: id } })
    expect(JSON.parse(event.details!)).toEqual({ from: 'REVOKED', previousHolder: user.username })
  })

  it('refuses a token whose seed was destroyed: it needs its seed file again', async () => {
    await stock('HW-D')
    await getDb().token.update({ where: { serial: 'HW-D' }, data: { status: 'REVOKED', secretCiphertext: '', secretKeyId: 'destroyed' } })
    expect(await returnTokenToInventory({ session: await staff(), tokenId: (await row('HW-D')).id, context, now: t0 })).toMatchObject({ ok: false, errors: { form: [expect.stringMatching(/import its seed file again/)] } })
  })

  it('lists hardware tokens a page at a time by serial, within a state and a serial prefix, and finds one by id on any page', async () => {
    for (const serial of ['PG-1', 'PG-2', 'PG-3', 'PG-4', 'PG-5']) await stock(serial)
    await getDb().token.update({ where: { serial: 'PG-4' }, data: { status: 'REVOKED' } })
    const serials = (page: { tokens: { serial: string }[] }) => page.tokens.map((t) => t.serial)
    const first = await listHardwareTokens({ search: 'PG-', limit: 2 })
    expect(first).toMatchObject({ next: 'PG-2' })
    expect(serials(first)).toEqual(['PG-1', 'PG-2'])
    const second = await listHardwareTokens({ search: 'PG-', limit: 2, after: first.next! })
    expect(serials(second)).toEqual(['PG-3', 'PG-4'])
    const last = await listHardwareTokens({ search: 'PG-', limit: 2, after: second.next! })
    expect(last).toMatchObject({ next: null })
    expect(serials(last)).toEqual(['PG-5'])
    expect(serials(await listHardwareTokens({ search: 'PG-', status: 'INVENTORY', after: 'PG-2' }))).toEqual(['PG-3', 'PG-5'])
    const revoked = await row('PG-4')
    expect(await findHardwareToken(revoked.id)).toMatchObject({ serial: 'PG-4', status: 'REVOKED', holder: null })
    expect(await findHardwareToken('no-such-token')).toBeNull()
  })
})
