import { afterAll, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { disconnectDb, getHotSql, sql } from '@/lib/db'
import { VALIDATE_LIMITS } from '@/lib/validate'
import { consumeRateLimit } from '@/lib/rate-limit'
import packageJson from '@/package.json'
import { ZCheckAnswer } from './api-schemas'
import { checkConnection } from './check-connection'

setUpTempDatabase()
afterAll(() => disconnectDb())

describe('checkConnection', () => {
  it("answers with the portal's clock and version, in the documented shape", async () => {
    const now = new Date('2026-11-24T12:00:07.123Z')
    const answer = await checkConnection({ client: { id: 'c1', name: 'vpn' }, now })
    expect(answer).toEqual({ status: 'ok', serverTime: '2026-11-24T12:00:07.123Z', version: packageJson.version })
    expect(ZCheckAnswer.safeParse(answer).success).toBe(true)
  })

  it("is limited per client like validation, on a counter of its own that validation's does not share", async () => {
    const now = new Date('2026-11-24T12:00:00Z')
    const client = { id: 'c2', name: 'rdgw' }
    // One check opens this client's window; then its count is moved to the limit, as 120,000 checks would.
    await checkConnection({ client, now })
    await getHotSql().execute(sql`UPDATE "RateLimit" SET "count" = ${VALIDATE_LIMITS.client.limit} WHERE "key" = ${`check:client:${client.id}`}`)
    await expect(checkConnection({ client, now: new Date(now.getTime() + 1000) })).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 59 })
    // Validation's counter for the same client is untouched.
    expect((await consumeRateLimit({ key: `validate:client:${client.id}`, ...VALIDATE_LIMITS.client, now })).count).toBe(1)
    // A new window opens a new allowance.
    await expect(checkConnection({ client, now: new Date(now.getTime() + 61_000) })).resolves.toMatchObject({ status: 'ok' })
  })
})
