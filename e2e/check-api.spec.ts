import packageJson from '../package.json' with { type: 'json' }
import { expect, test } from './fixtures'
import { checkConnection, createApiKey, getApi, validate } from './helpers/gateway'
import { portal } from './helpers/portal-cli'
import { queryServerDb, updateServerDb } from './helpers/server-db'

// GET /api/v1/check: a gateway's "check connection" against the real
// server. API only: one run (desktop) is enough. Every answer is also
// checked against the OpenAPI document (helpers/api-contract.ts).
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'desktop', 'API only: one run is enough'))

test("[API] check connection with a valid key answers with the portal's clock and version", async ({ request }) => {
  const { key } = createApiKey('check')
  const before = Date.now()
  const answer = await checkConnection(request, key)
  const after = Date.now()
  expect(answer.status).toBe(200)
  expect(answer.headers['cache-control']).toContain('no-store')
  expect(answer.body).toEqual({ status: 'ok', serverTime: expect.any(String), version: packageJson.version })
  // Same machine, same clock: the server's time falls within the request.
  const serverTime = Date.parse(String(answer.body.serverTime))
  expect(serverTime).toBeGreaterThanOrEqual(before - 1000)
  expect(serverTime).toBeLessThanOrEqual(after + 1000)
})

test('[API] check connection without a valid key: the same 401 as validate, and health stays keyless', async ({ request }) => {
  const gateway = createApiKey('check')
  const refused = await validate(request, null, { username: 'nobody', passcode: '48271234567' })
  for (const key of [null, 'tp_not-a-real-key', `tp_${'A'.repeat(43)}`]) {
    const answer = await checkConnection(request, key)
    expect(answer.status, String(key)).toBe(401)
    expect(answer.headers['www-authenticate']).toBe('Bearer')
    expect(answer.body).toEqual(refused.body)
  }
  expect((await checkConnection(request, null, { Authorization: `Basic ${gateway.key}` })).status).toBe(401)
  expect(portal(['apikey', 'revoke', gateway.name]).code).toBe(0)
  expect((await checkConnection(request, gateway.key)).status).toBe(401)
  // Health needs no key, and a wrong one changes nothing there.
  expect((await getApi(request, '/api/v1/health')).status).toBe(200)
  expect((await getApi(request, '/api/v1/health', { Authorization: 'Bearer tp_not-a-real-key' })).status).toBe(200)
})

test('[API] check connection is counted per key like validation, on its own counter: 429 with Retry-After', async ({ request }) => {
  const { key, name } = createApiKey('check')
  expect((await checkConnection(request, key)).status).toBe(200)
  // Spend this key's allowance for the current window, as 120,000 checks in a minute would.
  const { id } = queryServerDb<{ id: string }>('SELECT "id" FROM "ApiClient" WHERE "name" = ?', name)
  updateServerDb('UPDATE "RateLimit" SET "count" = ? WHERE "key" = ?', 120_000, `check:client:${id}`)
  const limited = await checkConnection(request, key)
  expect(limited.status).toBe(429)
  expect(limited.body.error).toBe('rate_limited')
  expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
  // Validation with the same key still answers: its counter is its own.
  expect((await validate(request, key, { username: 'nobody', passcode: '48271234567' })).status).toBe(200)
})
