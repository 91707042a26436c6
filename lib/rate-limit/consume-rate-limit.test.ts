import { afterAll, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { disconnectDb } from '@/lib/db'
import { consumeRateLimit, purgeExpiredRateLimits } from './consume-rate-limit'

setUpTempDatabase()
afterAll(() => disconnectDb())

describe('consumeRateLimit', () => {
  const t0 = new Date('2026-11-24T10:00:00Z')
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000)

  it('allows up to the limit in a window, then refuses with the time left', async () => {
    const results = []
    for (let i = 0; i < 4; i++) results.push(await consumeRateLimit({ key: 'k1', limit: 3, windowSeconds: 60, now: at(i) }))
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false])
    expect(results[3]).toMatchObject({ count: 4, retryAfterSeconds: 57 })
  })

  it('opens a fresh window once the old one ends', async () => {
    expect(await consumeRateLimit({ key: 'k1', limit: 3, windowSeconds: 60, now: at(60) })).toMatchObject({ allowed: true, count: 1 })
  })

  it('keeps keys apart', async () => {
    expect(await consumeRateLimit({ key: 'k2', limit: 1, windowSeconds: 60, now: at(0) })).toMatchObject({ allowed: true, count: 1 })
    expect(await consumeRateLimit({ key: 'k3', limit: 1, windowSeconds: 60, now: at(0) })).toMatchObject({ allowed: true, count: 1 })
  })

  it('counts every one of many concurrent attempts exactly once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => consumeRateLimit({ key: 'burst', limit: 5, windowSeconds: 60, now: at(0) })))
    expect(results.filter((r) => r.allowed)).toHaveLength(5)
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
  })

  it('purges ended windows', async () => {
    expect(await purgeExpiredRateLimits({ now: at(3600) })).toBeGreaterThan(0)
  })
})
