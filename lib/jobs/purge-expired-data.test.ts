import { afterAll, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { disconnectDb, getDb } from '@/lib/db'
import { consumeRateLimit } from '@/lib/rate-limit'
import { forgetCachedSettings } from '@/lib/settings'
import { purgeExpiredData } from './purge-expired-data'

setUpTempDatabase()
afterAll(() => disconnectDb())

const now = new Date('2026-11-27T12:00:00Z')
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000)

describe('purgeExpiredData', () => {
  it('removes ended rate-limit windows and audit events past the retention, and nothing else', async () => {
    await consumeRateLimit({ key: 'ended', limit: 5, windowSeconds: 60, now: new Date(now.getTime() - 120_000) })
    await consumeRateLimit({ key: 'current', limit: 5, windowSeconds: 60, now })
    // More old events than one batch holds.
    const old = Array.from({ length: 6200 }, (_, i) => ({ action: 'test.old', actorType: 'SYSTEM' as const, at: daysAgo(401 + (i % 30)) }))
    await getDb().auditEvent.createMany({ data: old })
    await getDb().auditEvent.createMany({ data: [{ action: 'test.kept', actorType: 'SYSTEM', at: daysAgo(399) }, { action: 'test.kept', actorType: 'SYSTEM', at: now }] })

    expect(await purgeExpiredData({ now })).toEqual({ rateLimits: 1, auditEvents: 6200 })
    expect((await getDb().rateLimit.findMany()).map((r) => r.key)).toEqual(['current'])
    expect(await getDb().auditEvent.count({ where: { action: 'test.old' } })).toBe(0)
    expect(await getDb().auditEvent.count({ where: { action: 'test.kept' } })).toBe(2)
    expect(await purgeExpiredData({ now })).toEqual({ rateLimits: 0, auditEvents: 0 })
  })

  it('follows the retention setting', async () => {
    await getDb().settings.upsert({ where: { id: 1 }, create: { id: 1, auditRetentionDays: 30 }, update: { auditRetentionDays: 30 } })
    forgetCachedSettings()
    await getDb().auditEvent.create({ data: { action: 'test.month', actorType: 'SYSTEM', at: daysAgo(31) } })
    // The month-old event, and the one kept earlier at 399 days.
    expect((await purgeExpiredData({ now })).auditEvents).toBe(2)
    expect(await getDb().auditEvent.count({ where: { action: { startsWith: 'test.' } } })).toBe(1)
  })
})
