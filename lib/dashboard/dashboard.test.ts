import { afterAll, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { disconnectDb, getDb } from '@/lib/db'
import { countEnrollmentFunnel } from './count-enrollment-funnel'
import { countTokens } from './count-tokens'
import { countValidationsByDay } from './count-validations-by-day'
import { getDashboard } from './get-dashboard'
import { lastUtcDays } from './utc-days'

setUpTempDatabase()
afterAll(() => disconnectDb())

const DAY = 86_400_000
const now = new Date('2026-11-28T10:30:00.000Z')
let n = 0

async function user(name: string) {
  return getDb().user.create({ data: { username: name, email: `${name}@example.com` } })
}
async function invitation(userId: string, data: { openedAt?: Date; browserHash?: string; usedAt?: Date } = {}) {
  return getDb().enrollmentInvitation.create({ data: { userId, tokenHash: `h${n++}`, expiresAt: new Date(now.getTime() + DAY), ...data } })
}
async function token(data: { userId?: string; status?: 'ACTIVE' | 'PENDING' | 'INVENTORY' | 'DISABLED' | 'LOST' | 'REVOKED'; invitationId?: string; verifiedAt?: Date; pinSetAt?: Date; lockedAt?: Date; lockedUntil?: Date | null }) {
  return getDb().token.create({ data: { serial: `TP${n++}`, secretCiphertext: 'sealed', secretKeyId: 'k1', ...data } })
}
async function events(action: string, at: Date, times = 1, actorType: 'API_CLIENT' | 'USER' = 'API_CLIENT') {
  await getDb().auditEvent.createMany({ data: Array.from({ length: times }, () => ({ action, at, actorType })) })
}

describe('dashboard on a fresh database', () => {
  it('is empty: zeros everywhere and 30 UTC days of zero validations', async () => {
    // A year before the other tests' days, whose counts this read must not settle.
    const dashboard = await getDashboard({ now: new Date('2025-11-28T10:30:00.000Z') })
    expect(dashboard.empty).toBe(true)
    expect(dashboard.funnel).toEqual({ invited: 0, opened: 0, started: 0, verified: 0, enrolled: 0 })
    expect(Object.values(dashboard.tokens.byState).every((v) => v === 0)).toBe(true)
    expect(dashboard.validations).toHaveLength(30)
    expect(dashboard.validations[0]!.day).toBe('2025-10-30')
    expect(dashboard.validations.at(-1)).toEqual({ day: '2025-11-28', accepted: 0, rejected: 0, locked: 0 })
  })
})

describe('lastUtcDays', () => {
  it('counts UTC calendar days, whatever the hour', () => {
    expect(lastUtcDays({ count: 3, now: new Date('2026-03-01T00:00:00.000Z') })).toEqual(['2026-02-27', '2026-02-28', '2026-03-01'])
    expect(lastUtcDays({ count: 2, now: new Date('2026-03-01T23:59:59.999Z') })).toEqual(['2026-02-28', '2026-03-01'])
  })
})

describe('countValidationsByDay', () => {
  it('counts accepted, rejected and API locks per UTC day, with days without events as zero', async () => {
    await events('validate.accepted', new Date('2026-11-28T00:00:00.000Z'), 3)
    await events('validate.excluded', new Date('2026-11-28T09:00:00.000Z'))
    await events('validate.rejected', new Date('2026-11-28T10:29:59.000Z'), 2)
    await events('token.locked', new Date('2026-11-28T10:00:00.000Z'))
    // The portal's own sign-in lock (a USER actor) is not a validation.
    await events('token.locked', new Date('2026-11-28T10:00:00.000Z'), 1, 'USER')
    // 23:59:59.999 belongs to the day before, in UTC.
    await events('validate.accepted', new Date('2026-11-27T23:59:59.999Z'), 5)
    await events('validate.rejected', new Date('2026-10-30T00:00:00.000Z'))
    // Before the window, and other actions: not counted.
    await events('validate.accepted', new Date('2026-10-29T23:59:59.999Z'), 4)
    await events('invitation.sent', new Date('2026-11-28T08:00:00.000Z'), 2)

    const days = await countValidationsByDay({ now })
    expect(days).toHaveLength(30)
    expect(days.at(-1)).toEqual({ day: '2026-11-28', accepted: 4, rejected: 2, locked: 1 })
    expect(days.at(-2)).toEqual({ day: '2026-11-27', accepted: 5, rejected: 0, locked: 0 })
    expect(days[0]).toEqual({ day: '2026-10-30', accepted: 0, rejected: 1, locked: 0 })
    expect(days.slice(1, -2).every((d) => d.accepted + d.rejected + d.locked === 0)).toBe(true)
    expect(await countValidationsByDay({ days: 7, now })).toHaveLength(7)
  })

  it('counts a settled day once from the audit log and keeps it; today and the first hour after midnight stay live', async () => {
    const day = <T extends { day: string }>(days: T[], d: string) => days.find((x) => x.day === d)
    // 29 settled days were counted and kept by the reads above; today was not.
    expect(await getDb().validationDayCount.count({ where: { day: { gte: '2026-10-30', lte: '2026-11-28' } } })).toBe(29)
    expect(await getDb().validationDayCount.findUnique({ where: { day: '2026-11-27' } })).toMatchObject({ accepted: 5, rejected: 0, locked: 0 })
    // A line dated a settled day, written late, is not read again; today's are.
    await events('validate.accepted', new Date('2026-11-27T12:00:00.000Z'), 2)
    await events('validate.accepted', new Date('2026-11-28T10:00:00.000Z'), 2)
    let days = await countValidationsByDay({ now })
    expect(day(days, '2026-11-27')!.accepted).toBe(5)
    expect(day(days, '2026-11-28')!.accepted).toBe(6)
    // 00:30 the next day: the 28th has not settled yet, so it is still counted live.
    await events('validate.rejected', new Date('2026-11-28T23:59:59.000Z'))
    days = await countValidationsByDay({ now: new Date('2026-11-29T00:30:00.000Z') })
    expect(day(days, '2026-11-28')).toEqual({ day: '2026-11-28', accepted: 6, rejected: 3, locked: 1 })
    expect(await getDb().validationDayCount.findUnique({ where: { day: '2026-11-28' } })).toBeNull()
    // An hour after midnight it settles and is kept.
    days = await countValidationsByDay({ now: new Date('2026-11-29T01:00:00.000Z') })
    expect(await getDb().validationDayCount.findUnique({ where: { day: '2026-11-28' } })).toMatchObject({ accepted: 6, rejected: 3, locked: 1 })
    expect(days.at(-1)).toEqual({ day: '2026-11-29', accepted: 0, rejected: 0, locked: 0 })
  })
})

describe('countEnrollmentFunnel', () => {
  it('counts each person once, at the furthest step any invitation reached, and at every step before it', async () => {
    const opened = new Date(now.getTime() - DAY)
    await invitation((await user('f-invited')).id)
    await invitation((await user('f-opened')).id, { openedAt: opened })
    const started = await user('f-started')
    const startedInv = await invitation(started.id, { openedAt: opened, browserHash: 'b' })
    await token({ userId: started.id, status: 'PENDING', invitationId: startedInv.id })
    const verified = await user('f-verified')
    const verifiedInv = await invitation(verified.id, { openedAt: opened, browserHash: 'b' })
    await token({ userId: verified.id, status: 'PENDING', invitationId: verifiedInv.id, verifiedAt: opened })
    // Two invitations: an old one never opened, a newer one used.
    const enrolled = await user('f-enrolled')
    await invitation(enrolled.id)
    await invitation(enrolled.id, { openedAt: opened, browserHash: 'b', usedAt: opened })
    await user('f-never-invited')

    expect(await countEnrollmentFunnel()).toEqual({ invited: 5, opened: 4, started: 3, verified: 2, enrolled: 1 })
  })
})

describe('countTokens', () => {
  it('counts tokens by state, locks in force now, and PINs due within 14 days or expired', async () => {
    const before = await countTokens({ pinMaxAgeDays: 90, now })
    const ago = (days: number) => new Date(now.getTime() - days * DAY)
    await token({ status: 'ACTIVE', pinSetAt: ago(80) }) // expires in 10 days: due
    await token({ status: 'ACTIVE', pinSetAt: ago(76.5) }) // in 13.5 days: due
    await token({ status: 'ACTIVE', pinSetAt: ago(75.9) }) // in 14.1 days: not yet
    await token({ status: 'ACTIVE', pinSetAt: ago(91) }) // expired
    await token({ status: 'REVOKED', pinSetAt: ago(80) }) // not active: not counted
    await token({ status: 'ACTIVE', pinSetAt: ago(1), lockedAt: ago(0.01), lockedUntil: null }) // staff-only lock
    await token({ status: 'ACTIVE', pinSetAt: ago(1), lockedAt: ago(0.01), lockedUntil: new Date(now.getTime() + 60_000) })
    await token({ status: 'ACTIVE', pinSetAt: ago(1), lockedAt: ago(1), lockedUntil: ago(0.5) }) // lifted by itself
    await token({ status: 'INVENTORY' })
    await token({ status: 'LOST' })

    const counts = await countTokens({ pinMaxAgeDays: 90, now })
    expect(counts.byState.ACTIVE - before.byState.ACTIVE).toBe(7)
    expect(counts.byState.REVOKED - before.byState.REVOKED).toBe(1)
    expect(counts.byState.INVENTORY - before.byState.INVENTORY).toBe(1)
    expect(counts.byState.LOST - before.byState.LOST).toBe(1)
    expect(counts.lockedNow - before.lockedNow).toBe(2)
    expect(counts.pinsDue - before.pinsDue).toBe(2)
    expect(counts.pinsExpired - before.pinsExpired).toBe(1)
    const never = await countTokens({ pinMaxAgeDays: null, now })
    expect([never.pinsDue, never.pinsExpired, never.pinMaxAgeDays]).toEqual([0, 0, null])
  })

  it('makes the dashboard no longer empty', async () => {
    const dashboard = await getDashboard({ now })
    expect(dashboard.empty).toBe(false)
    expect(dashboard.tokens.pinMaxAgeDays).toBe(90)
    expect(dashboard.users.total).toBe(6)
  })
})
