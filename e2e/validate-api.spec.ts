import { expect, test } from './fixtures'
import { choosePin, currentCode, invitedUser, startAndVerify } from './helpers/enrollment'
import { createApiKey, seedToken, validate } from './helpers/gateway'
import { queryServerDb, updateServerDb } from './helpers/server-db'
import { portal } from './helpers/portal-cli'

// The gateway API against the real production server and database. API-only
// tests run once (desktop project); the one that enrolls through the pages
// runs at both sizes.
const apiOnly = (projectName: string) => test.skip(projectName !== 'desktop', 'API only: one run is enough')

const REJECT = { result: 'reject', message: 'Access denied' }

test('[API] a token enrolled through the pages signs in with PIN + code over HTTP, once per code', async ({ page, request }) => {
  test.setTimeout(90_000)
  const { user, link } = await invitedUser('gw')
  const secret = await startAndVerify(page, link)
  await choosePin(page, { pin: '5938' })
  await expect(page.getByRole('heading', { level: 1, name: 'Your token is ready' })).toBeVisible()

  const { key } = createApiKey()
  // The enrollment check used the current step; the app's next code is the one to sign in with.
  const passcode = `5938${currentCode(secret, 30)}`
  expect(await validate(request, key, { username: user.username, passcode, clientIp: '198.51.100.20' })).toMatchObject({ status: 200, body: { result: 'accept' } })
  expect((await validate(request, key, { username: user.username, passcode })).body).toEqual(REJECT)
  const audit = queryServerDb<{ details: string; ip: string }>(`SELECT "details", "ip" FROM "AuditEvent" WHERE "action" = 'validate.accepted' AND "subjectLabel" = ?`, user.username)
  expect(audit.ip).toBe('198.51.100.20')
  expect(JSON.parse(audit.details)).toMatchObject({ reason: 'token' })
  expect(audit.details).not.toContain(passcode)
})

test('[API] of 50 concurrent identical valid passcodes exactly one is accepted', async ({ request }, testInfo) => {
  apiOnly(testInfo.project.name)
  const { key } = createApiKey()
  const token = seedToken()
  const passcode = `4827${currentCode(token.secret)}`
  const results = await Promise.all(Array.from({ length: 50 }, () => validate(request, key, { username: token.username, passcode })))
  expect(results.filter((r) => r.body.result === 'accept')).toHaveLength(1)
  expect(results.every((r) => r.status === 200)).toBe(true)
  expect(queryServerDb<{ failedAttempts: number }>('SELECT "failedAttempts" FROM "Token" WHERE "id" = ?', token.tokenId).failedAttempts).toBe(0)
})

test('[API] the previous and next step are accepted once each; an older one is not', async ({ request }, testInfo) => {
  apiOnly(testInfo.project.name)
  const { key } = createApiKey()
  const token = seedToken()
  const check = (offset: number) => validate(request, key, { username: token.username, passcode: `4827${currentCode(token.secret, offset)}` })
  // A step boundary between these calls would shift "previous" and "next": start early in a step.
  const intoStep = (Date.now() / 1000) % 30
  if (intoStep > 20) await new Promise((r) => setTimeout(r, (31 - intoStep) * 1000))
  expect((await check(-30)).body.result).toBe('accept')
  expect((await check(-30)).body.result).toBe('reject')
  expect((await check(30)).body.result).toBe('accept')
  expect((await check(0)).body.result).toBe('reject')
  expect((await check(-90)).body.result).toBe('reject')
})

test('[API] ten wrong passcodes lock the token, and then even the right one is refused', async ({ request }, testInfo) => {
  apiOnly(testInfo.project.name)
  const { key } = createApiKey()
  const token = seedToken()
  for (let i = 0; i < 10; i++) expect((await validate(request, key, { username: token.username, passcode: `0000${currentCode(token.secret)}` })).body).toEqual(REJECT)
  expect(queryServerDb<{ lockedAt: string | null }>('SELECT "lockedAt" FROM "Token" WHERE "id" = ?', token.tokenId).lockedAt).not.toBeNull()
  expect((await validate(request, key, { username: token.username, passcode: `4827${currentCode(token.secret)}` })).body).toEqual(REJECT)
  const reason = queryServerDb<{ details: string }>(`SELECT "details" FROM "AuditEvent" WHERE "action" = 'validate.rejected' AND "subjectLabel" = ? ORDER BY "at" DESC LIMIT 1`, token.username)
  expect(JSON.parse(reason.details).reason).toBe('locked')
})

test('[API] a temporary passcode signs in until it expires', async ({ request }, testInfo) => {
  apiOnly(testInfo.project.name)
  const { key } = createApiKey()
  const token = seedToken()
  const issued = portal(['temp-passcode', token.username, '--hours', '8', '--json'])
  const { passcode } = JSON.parse(issued.stdout) as { passcode: string }
  expect((await validate(request, key, { username: token.username, passcode })).body).toEqual({ result: 'accept' })
  updateServerDb(`UPDATE "TemporaryPasscode" SET "expiresAt" = '2020-01-01T00:00:00.000+00:00' WHERE "userId" = ?`, token.userId)
  expect((await validate(request, key, { username: token.username, passcode })).body).toEqual(REJECT)
})

test('[API] without a valid key: 401, and nothing is looked up or changed', async ({ request }, testInfo) => {
  apiOnly(testInfo.project.name)
  const gateway = createApiKey()
  const token = seedToken()
  const passcode = `4827${currentCode(token.secret)}`
  for (const key of [null, 'tp_not-a-real-key', `tp_${'A'.repeat(43)}`]) {
    const response = await validate(request, key, { username: token.username, passcode })
    expect(response.status).toBe(401)
    expect(response.headers['www-authenticate']).toBe('Bearer')
  }
  expect(portal(['apikey', 'revoke', gateway.name]).code).toBe(0)
  expect((await validate(request, gateway.key, { username: token.username, passcode })).status).toBe(401)
  expect(queryServerDb<{ n: number }>(`SELECT count(*) AS "n" FROM "AuditEvent" WHERE "action" LIKE 'validate.%' AND "subjectLabel" = ?`, token.username).n).toBe(0)
  expect(queryServerDb<{ lastUsedAt: string | null }>('SELECT "lastUsedAt" FROM "Token" WHERE "id" = ?', token.tokenId).lastUsedAt).toBeNull()
})

test('[API] malformed bodies of many shapes get 400 or a rejection, never a 500, never an accept', async ({ request }, testInfo) => {
  apiOnly(testInfo.project.name)
  const { key } = createApiKey()
  const token = seedToken()
  const code = currentCode(token.secret)
  const bodies: unknown[] = [
    '{"username": "x", "passcode": ',
    'not json at all',
    '',
    'null',
    '[]',
    '"4827"',
    { username: token.username },
    { passcode: `4827${code}` },
    { username: 42, passcode: `4827${code}` },
    { username: token.username, passcode: 4827123456 },
    { username: token.username, passcode: null },
    { username: [token.username], passcode: `4827${code}` },
    { username: { $ne: '' }, passcode: `4827${code}` },
    { username: token.username, passcode: ['4827', code] },
    { username: 'x'.repeat(100_000), passcode: `4827${code}` },
    { username: token.username, passcode: `4827${code}`.padStart(65, '9') },
    { username: token.username, passcode: `4827${code}`.repeat(2000) },
    { username: token.username, passcode: `4827\u0000${code}` },
    { username: `${token.username}\u0000`, passcode: `4827${code}` },
    { username: token.username, passcode: `４８２７${code}` },
    { username: token.username, passcode: `4827${[...code].map((d) => String.fromCharCode(0x660 + Number(d))).join('')}` },
    { username: token.username, passcode: `4827 ${code}` },
    { username: token.username, passcode: ` 4827${code}` },
    { username: token.username, passcode: `4827${code}\n` },
    { username: token.username, passcode: '' },
    { username: 'nobody', passcode: `4827${code}`, clientIp: '<script>' },
    { username: 'nobody', passcode: `4827${code}`, clientIp: 7 },
  ]
  for (const body of bodies) {
    const response = await validate(request, key, body)
    const label = JSON.stringify(body).slice(0, 80)
    expect([200, 400], label).toContain(response.status)
    if (response.status === 200) expect(response.body, label).toEqual(REJECT)
    else expect(response.body.error, label).toBe('bad_request')
  }
  // After all that, the real passcode still works once: nothing was consumed or locked by the junk.
  expect(queryServerDb<{ failedAttempts: number }>('SELECT "failedAttempts" FROM "Token" WHERE "id" = ?', token.tokenId).failedAttempts).toBe(0)
  expect((await validate(request, key, { username: token.username, passcode: `4827${code}` })).body).toEqual({ result: 'accept' })
})

test('[API] too many requests for one username get 429 with Retry-After', async ({ request }, testInfo) => {
  apiOnly(testInfo.project.name)
  const { key } = createApiKey()
  const username = `nobody-${Date.now()}`
  const statuses: number[] = []
  for (let i = 0; i < 61; i++) statuses.push((await validate(request, key, { username, passcode: '48271234567' })).status)
  expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true)
  const limited = await validate(request, key, { username, passcode: '48271234567' })
  expect(limited.status).toBe(429)
  expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
  expect(limited.body.error).toBe('rate_limited')
})
