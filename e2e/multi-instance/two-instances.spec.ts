import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { expect, test, type APIRequestContext } from '@playwright/test'
import { serverEnv } from '../server-env'
import { currentCode, wrongCode } from '../helpers/enrollment'
import { createApiKey, seedToken } from '../helpers/gateway'
import { allMail } from '../helpers/mailbox'
import { portal } from '../helpers/portal-cli'
import { queryServerDb, queryServerDbAll } from '../helpers/server-db'
import { signedInStaff } from '../helpers/staff'

// Two production servers, one PostgreSQL database (playwright.multi-instance.config.ts).
// Everything that must hold across instances lives in the database.

const { baseURL, secondBaseURL, env } = serverEnv()
const instances = [baseURL, secondBaseURL]

async function validateOn(request: APIRequestContext, base: string, key: string, username: string, passcode: string) {
  const response = await request.post(`${base}/api/v1/validate`, { headers: { Authorization: `Bearer ${key}` }, data: { username, passcode } })
  expect(response.status()).toBe(200)
  return ((await response.json()) as { result: string }).result
}

test('both instances answer, from the same database', async ({ request }) => {
  for (const base of instances) {
    const response = await request.get(`${base}/api/v1/health`)
    expect(response.status()).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'ok' })
  }
})

test('50 concurrent identical valid passcodes spread over both instances: exactly one accept', async ({ request }) => {
  const { key } = createApiKey('multi')
  const token = seedToken('4827')
  const passcode = `4827${currentCode(token.secret)}`
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => validateOn(request, instances[i % 2]!, key, token.username, passcode)))
  expect(results.filter((r) => r === 'accept')).toHaveLength(1)
  expect(results.filter((r) => r === 'reject')).toHaveLength(49)
  const audit = queryServerDb<{ n: number }>(`SELECT count(*) AS "n" FROM "AuditEvent" WHERE "action" = 'validate.accepted' AND "subjectLabel" = ?`, token.username)
  expect(audit.n).toBe(1)
})

test('failures spread over both instances add up to one lockout', async ({ request }) => {
  const { key } = createApiKey('multi')
  const token = seedToken('4827')
  // Ten wrong passcodes, alternating instances, five at a time.
  for (let round = 0; round < 2; round++) {
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => validateOn(request, instances[i % 2]!, key, token.username, `4827${wrongCode(token.secret)}`)))
    expect(results).toEqual(Array(5).fill('reject'))
  }
  const row = queryServerDb<{ failedAttempts: number; lockedAt: string | null }>(`SELECT "failedAttempts", "lockedAt" FROM "Token" WHERE "id" = ?`, token.tokenId)
  expect(row.failedAttempts).toBe(10)
  expect(row.lockedAt).not.toBeNull()
  // Locked everywhere: the right passcode is refused by both.
  for (const base of instances) expect(await validateOn(request, base, key, token.username, `4827${currentCode(token.secret)}`)).toBe('reject')
  const locks = queryServerDb<{ n: number }>(`SELECT count(*) AS "n" FROM "AuditEvent" WHERE "action" = 'token.locked' AND "subjectId" = ?`, token.tokenId)
  expect(locks.n).toBe(1)
})

test('a bulk invitation drained by both mail workers: every message once', async () => {
  const prefix = `bulk-${randomBytes(3).toString('hex')}`
  const seeded = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'e2e/helpers/seed-users.mts', prefix, '300'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  })
  expect(seeded.status, seeded.stderr).toBe(0)
  const usernames = JSON.parse(seeded.stdout) as string[]
  const invited = portal(['invite', ...usernames])
  expect(invited.code, invited.stderr).toBe(0)

  const ours = async () => (await allMail()).filter((m) => m.to.startsWith(`${prefix}-`))
  // Done when every message is marked sent: a message is marked after the
  // sink accepted it, and a sent one is never taken again, so no duplicate
  // can arrive after this.
  const unsent = () => queryServerDb<{ n: number }>(`SELECT count(*) AS "n" FROM "OutboxMessage" WHERE "to" LIKE ? AND "status" <> 'SENT'`, `${prefix}-%`).n
  await expect.poll(unsent, { timeout: 60_000, intervals: [500] }).toBe(0)
  const mails = await ours()
  expect(mails).toHaveLength(300)
  expect(new Set(mails.map((m) => m.to)).size).toBe(300)
  expect(new Set(mails.map((m) => m.messageId)).size).toBe(300)

  // Both instances' workers took a share (leases kept them off each other's messages).
  const sent = queryServerDbAll<{ details: string }>(`SELECT "details" FROM "AuditEvent" WHERE "action" = 'mail.sent' AND "subjectLabel" LIKE ?`, `${prefix}-%`)
  expect(sent).toHaveLength(300)
  const workers = new Set(sent.map((e) => (JSON.parse(e.details) as { worker: string }).worker))
  expect(workers.size).toBe(2)
})

test('a policy changed on the first instance is applied by the second within seconds', async ({ page, request }) => {
  const { key } = createApiKey('multi')
  const token = seedToken('4827')
  const wrong = () => validateOn(request, secondBaseURL, key, token.username, `4827${wrongCode(token.secret)}`)
  const row = () => queryServerDb<{ failedAttempts: number; lockedAt: string | null }>(`SELECT "failedAttempts", "lockedAt" FROM "Token" WHERE "id" = ?`, token.tokenId)
  // The second instance has read the settings (lock after 10 failures): one wrong passcode does not lock.
  expect(await wrong()).toBe('reject')
  expect(row()).toMatchObject({ failedAttempts: 1, lockedAt: null })

  // An administrator on the first instance: lock after a single failure.
  await signedInStaff(page, { role: 'admin' })
  const setThreshold = async (value: string) => {
    await page.goto(`${baseURL}/admin/policies`)
    await page.getByLabel('Lock a token after (failed attempts)').fill(value)
    await page.getByRole('button', { name: 'Save policies' }).click()
    await expect(page.getByRole('status')).toContainText('Changed: Lock a token after.')
  }
  await setThreshold('1')
  try {
    // The second instance follows within its few seconds of settings cache:
    // the next wrong passcode after that locks the token, long before the old
    // threshold of 10 could.
    await expect.poll(async () => (await wrong(), row().lockedAt), { timeout: 10_000, intervals: [500] }).not.toBeNull()
    expect(row().failedAttempts).toBeLessThan(10)
  } finally {
    await setThreshold('10')
  }
})
