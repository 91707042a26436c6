import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { disconnectDb, getDb } from '@/lib/db'
import { runDailyMaintenance } from '@/lib/jobs'
import { generateOtp } from '@/lib/otp'
import { setTokenPin } from '@/lib/pins'
import { forgetCachedSettings } from '@/lib/settings'
import { createSoftwareToken } from '@/lib/tokens'
import { addUser } from '@/lib/users'
import { validatePasscode } from '@/lib/validate'
import { decideDormant, dormantPolicyOf } from './dormancy'
import { runDormantTokens } from './run-dormant-tokens'
import { runMaintenance } from './run-maintenance'

setUpTempDatabase()
afterAll(() => disconnectDb())

// Every test passes its own clock: `day(n)` is n days after the tokens' last use.
const t0 = new Date('2025-01-10T08:00:00Z')
const day = (n: number) => new Date(t0.getTime() + n * 86_400_000)
const client = { id: 'vpn-1', name: 'vpn' }
const context = { ip: '203.0.113.40', userAgent: 'test' }

async function policy(values: { dormantAfterDays: number | null; dormantWarnDays?: number; dormantAction?: 'DISABLE' | 'DELETE' }) {
  const data = { dormantWarnDays: 30, dormantAction: 'DISABLE', ...values }
  await getDb().settings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data })
  forgetCachedSettings()
}

let n = 0
/** An active token, last used at t0 (or never, activated at t0). */
async function owner({ origin = 'SOFTWARE', used = true }: { origin?: 'SOFTWARE' | 'HARDWARE'; used?: boolean } = {}) {
  const user = await addUser({ input: { username: `d${++n}`, email: `d${n}@example.com`, displayName: `Dormant ${n}` }, actor: CLI_ACTOR })
  const token = await createSoftwareToken({ userId: user.id, type: 'TOTP' })
  await setTokenPin({ tokenId: token.id, pin: '4827' })
  await getDb().token.update({ where: { id: token.id }, data: { status: 'ACTIVE', origin, name: `Phone ${n}`, activatedAt: day(-20), statusChangedAt: day(-20), pinSetAt: day(-20), lastUsedAt: used ? t0 : null } })
  return { user, token, code: (when: Date) => generateOtp({ type: 'TOTP', secret: token.secret, timestamp: when.getTime(), counter: 0 }) }
}
const tokenRow = (id: string) => getDb().token.findUniqueOrThrow({ where: { id } })
const mails = (to: string) => getDb().outboxMessage.findMany({ where: { to }, orderBy: { createdAt: 'asc' } }).then((r) => r.map((m) => m.template))
const events = (id: string) => getDb().auditEvent.findMany({ where: { subjectId: id, action: { startsWith: 'maintenance.' } }, orderBy: { at: 'asc' } })

beforeEach(async () => {
  // Each test starts from no active tokens, so counts are its own.
  await getDb().token.updateMany({ where: { status: 'ACTIVE' }, data: { status: 'REVOKED' } })
  await policy({ dormantAfterDays: 365, dormantWarnDays: 30, dormantAction: 'DISABLE' })
})

describe('dormancy rules (pure)', () => {
  const p = dormantPolicyOf({ dormantAfterDays: 365, dormantWarnDays: 30, dormantAction: 'DELETE' })!
  const token = { lastUsedAt: t0, activatedAt: day(-20), statusChangedAt: day(-20) }
  it('warns with the notice left, acts once the period and the notice have both run, and a later use cancels the warning', () => {
    expect(dormantPolicyOf({ dormantAfterDays: null, dormantWarnDays: 30, dormantAction: 'DISABLE' })).toBeNull()
    expect(p).toEqual({ afterDays: 365, warnDays: 30, action: 'DELETE' })
    expect(decideDormant({ policy: p, token, warnedAt: null, now: day(334) }).step).toBe('none')
    expect(decideDormant({ policy: p, token, warnedAt: null, now: day(335) })).toEqual({ step: 'warn', actionAt: day(365) })
    // Policy switched on late: the owner still gets the full notice.
    expect(decideDormant({ policy: p, token, warnedAt: null, now: day(500) })).toEqual({ step: 'warn', actionAt: day(530) })
    expect(decideDormant({ policy: p, token, warnedAt: day(500), now: day(529) }).step).toBe('wait')
    expect(decideDormant({ policy: p, token, warnedAt: day(500), now: day(530) }).step).toBe('act')
    expect(decideDormant({ policy: p, token: { ...token, lastUsedAt: day(501) }, warnedAt: day(500), now: day(530) }).step).toBe('none')
    // A never-used token counts from its activation.
    expect(decideDormant({ policy: p, token: { ...token, lastUsedAt: null }, warnedAt: null, now: day(315) })).toEqual({ step: 'warn', actionAt: day(345) })
  })
})

describe('runDormantTokens', () => {
  it('does nothing while the policy is off', async () => {
    const { user, token } = await owner()
    await policy({ dormantAfterDays: null })
    const report = await runDormantTokens({ now: day(2000) })
    expect(report).toMatchObject({ policy: null, counts: { warn: 0, disable: 0, revoke: 0 }, items: [] })
    expect(await tokenRow(token.id)).toMatchObject({ status: 'ACTIVE', dormantWarnedAt: null })
    expect(await mails(user.email)).toEqual([])
  })

  it('warns once, then disables after the notice, emails and audits each step', async () => {
    const { user, token } = await owner()
    const fresh = await owner()
    await getDb().token.update({ where: { id: fresh.token.id }, data: { lastUsedAt: day(300) } })

    expect((await runDormantTokens({ now: day(334) })).counts).toEqual({ warn: 0, disable: 0, revoke: 0 })
    const warned = await runDormantTokens({ now: day(335) })
    expect(warned.counts).toEqual({ warn: 1, disable: 0, revoke: 0 })
    expect(warned.items).toEqual([expect.objectContaining({ step: 'warn', username: user.username, serial: token.serial, lastUsedAt: t0, actionAt: day(365) })])
    expect(await tokenRow(token.id)).toMatchObject({ status: 'ACTIVE', dormantWarnedAt: day(335) })
    expect(await mails(user.email)).toEqual(['token-dormant-warning'])

    // Once: later runs within the notice neither warn again nor act.
    expect(await runDormantTokens({ now: day(336) })).toMatchObject({ counts: { warn: 0, disable: 0, revoke: 0 }, waiting: 1 })
    expect(await runDormantTokens({ now: day(364) })).toMatchObject({ counts: { warn: 0, disable: 0, revoke: 0 }, waiting: 1 })
    expect(await mails(user.email)).toEqual(['token-dormant-warning'])

    const acted = await runDormantTokens({ now: day(365) })
    expect(acted.counts).toEqual({ warn: 0, disable: 1, revoke: 0 })
    expect(await tokenRow(token.id)).toMatchObject({ status: 'DISABLED', statusChangedAt: day(365), dormantWarnedAt: null, pinHash: expect.any(String) })
    expect(await mails(user.email)).toEqual(['token-dormant-warning', 'token-dormant-action'])
    expect((await events(token.id)).map((e) => [e.action, e.actorType, e.actorLabel])).toEqual([
      ['maintenance.dormant-warned', 'SYSTEM', 'maintenance'],
      ['maintenance.token-disabled', 'SYSTEM', 'maintenance'],
    ])
    expect(JSON.parse((await events(token.id))[1]!.details!)).toMatchObject({ user: user.username, lastUsedAt: t0.toISOString(), warnedAt: day(335).toISOString() })
    // Idempotent: nothing left to do; the recently used token was never touched.
    expect((await runDormantTokens({ now: day(366) })).counts).toEqual({ warn: 0, disable: 0, revoke: 0 })
    expect(await tokenRow(fresh.token.id)).toMatchObject({ status: 'ACTIVE', dormantWarnedAt: null })
    expect(await mails(fresh.user.email)).toEqual([])
  })

  it('a use after the warning cancels it: no action, and a new warning only when dormant again', async () => {
    const { user, token, code } = await owner()
    await runDormantTokens({ now: day(335) })
    const use = day(340)
    expect(await validatePasscode({ username: user.username, passcode: `4827${code(use)}`, client, context, now: use })).toMatchObject({ result: 'accept' })
    expect(await runDormantTokens({ now: day(400) })).toMatchObject({ counts: { warn: 0, disable: 0, revoke: 0 }, waiting: 0 })
    expect(await tokenRow(token.id)).toMatchObject({ status: 'ACTIVE' })
    // 335 days after that use, a fresh warning; never an action on the old one.
    expect((await runDormantTokens({ now: day(675) })).counts).toEqual({ warn: 1, disable: 0, revoke: 0 })
    expect(await mails(user.email)).toEqual(['token-dormant-warning', 'token-dormant-warning'])
  })

  it('DELETE revokes: a software seed is destroyed, a hardware token goes back to the inventory', async () => {
    await policy({ dormantAfterDays: 365, dormantWarnDays: 30, dormantAction: 'DELETE' })
    const soft = await owner({ used: false })
    const hard = await owner({ origin: 'HARDWARE' })
    // Never used: counts from its activation at day(-20).
    const session = await getDb().userSession.create({ data: { userId: soft.user.id, kind: 'FULL', method: 'passcode' } })
    const first = await runDormantTokens({ now: day(335) })
    expect(first.counts).toEqual({ warn: 2, disable: 0, revoke: 0 })
    expect((await getDb().userSession.findUniqueOrThrow({ where: { id: session.id } })).endedAt).toBeNull()
    expect(first.items.find((i) => i.serial === soft.token.serial)).toMatchObject({ lastUsedAt: null, lastActivity: day(-20), actionAt: day(365) })
    const second = await runDormantTokens({ now: day(365) })
    expect(second.counts).toEqual({ warn: 0, disable: 0, revoke: 2 })
    expect(await tokenRow(soft.token.id)).toMatchObject({ status: 'REVOKED', secretCiphertext: '', secretKeyId: 'destroyed', pinHash: null, userId: soft.user.id })
    // The owner's portal sessions end with the token, as when the helpdesk revokes one.
    expect(await getDb().userSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({ endedAt: day(365), endedReason: 'maintenance.token-revoked' })
    expect(await tokenRow(hard.token.id)).toMatchObject({ status: 'INVENTORY', userId: null, pinHash: null, name: null, lastUsedAt: null, dormantWarnedAt: null, activatedAt: null })
    expect((await tokenRow(hard.token.id)).secretCiphertext).not.toBe('')
    expect(await mails(hard.user.email)).toEqual(['token-dormant-warning', 'token-dormant-action'])
    expect((await events(hard.token.id)).map((e) => e.action)).toEqual(['maintenance.dormant-warned', 'maintenance.token-revoked'])
    const mail = await getDb().outboxMessage.findFirstOrThrow({ where: { to: hard.user.email, template: 'token-dormant-action' } })
    expect(mail.subject).toBe('Your unused sign-in token was deleted')
  })

  it('a dry run lists the steps and changes nothing', async () => {
    const a = await owner()
    const b = await owner()
    await getDb().token.update({ where: { id: b.token.id }, data: { dormantWarnedAt: day(340) } })
    const before = await getDb().auditEvent.count()
    const dry = await runMaintenance({ now: day(370), dryRun: true, actor: CLI_ACTOR })
    expect(dry.dormant.counts).toEqual({ warn: 1, disable: 1, revoke: 0 })
    // In token id order (the keyset the batches follow).
    const expected = [
      { id: a.token.id, step: 'warn', username: a.user.username },
      { id: b.token.id, step: 'disable', username: b.user.username },
    ].sort((x, y) => (x.id < y.id ? -1 : 1))
    expect(dry.dormant.items.map((i) => ({ id: i.tokenId, step: i.step, username: i.username }))).toEqual(expected)
    expect(await tokenRow(a.token.id)).toMatchObject({ status: 'ACTIVE', dormantWarnedAt: null })
    expect(await tokenRow(b.token.id)).toMatchObject({ status: 'ACTIVE', dormantWarnedAt: day(340) })
    expect(await getDb().outboxMessage.count({ where: { to: { in: [a.user.email, b.user.email] } } })).toBe(0)
    expect(await getDb().auditEvent.count()).toBe(before)
    // The real run does what the dry run said, and records itself.
    const real = await runMaintenance({ now: day(370), actor: CLI_ACTOR })
    expect(real.dormant.counts).toEqual({ warn: 1, disable: 1, revoke: 0 })
    const [ran] = await getDb().auditEvent.findMany({ where: { action: 'maintenance.ran' }, orderBy: { at: 'desc' }, take: 1 })
    expect(ran).toMatchObject({ actorLabel: 'cli' })
    expect(JSON.parse(ran!.details!)).toMatchObject({ warned: 1, disabled: 1, revoked: 0 })
  })

  it('two runs at once warn and act once per token, one email each, across batches', async () => {
    const owners = []
    for (let i = 0; i < 7; i++) owners.push(await owner())
    const emails = owners.map((o) => o.user.email)
    const warn = await Promise.all([runDormantTokens({ now: day(335), batch: 3 }), runDormantTokens({ now: day(335), batch: 3 })])
    expect(warn[0].counts.warn + warn[1].counts.warn).toBe(7)
    expect(await getDb().outboxMessage.count({ where: { to: { in: emails }, template: 'token-dormant-warning' } })).toBe(7)
    const act = await Promise.all([runDormantTokens({ now: day(365), batch: 2 }), runDormantTokens({ now: day(365), batch: 2 })])
    expect(act[0].counts.disable + act[1].counts.disable).toBe(7)
    expect(await getDb().outboxMessage.count({ where: { to: { in: emails }, template: 'token-dormant-action' } })).toBe(7)
    expect(await getDb().auditEvent.count({ where: { action: 'maintenance.token-disabled', subjectId: { in: owners.map((o) => o.token.id) } } })).toBe(7)
  })
})

describe('runDailyMaintenance', () => {
  it('runs once a day across instances: the database row decides', async () => {
    const { user } = await owner()
    const [a, b] = await Promise.all([runDailyMaintenance({ now: day(335) }), runDailyMaintenance({ now: day(335) })])
    expect([a, b].filter((r) => r !== null)).toHaveLength(1)
    expect(await runDailyMaintenance({ now: day(335.9) })).toBeNull()
    expect(await mails(user.email)).toEqual(['token-dormant-warning'])
    const row = await getDb().scheduledJob.findUniqueOrThrow({ where: { name: 'maintenance' } })
    expect(JSON.parse(row.lastResult!)).toEqual({ warned: 1, disabled: 0, revoked: 0, skipped: 0 })
    expect(await runDailyMaintenance({ now: day(336) })).not.toBeNull()
  })
})
