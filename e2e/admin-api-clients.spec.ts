import { randomBytes } from 'node:crypto'
import type { APIRequestContext, Browser } from '@playwright/test'
import { expect, test } from './fixtures'
import { createApiKey, validate } from './helpers/gateway'
import { queryServerDb, queryServerDbAll } from './helpers/server-db'
import { signedInStaff } from './helpers/staff'

// Administrators manage the gateways' API clients from the browser: create
// (the key shown once), allowed client addresses, revoke; the validation API
// follows at once. Bad input changes nothing; a helpdesk member is refused
// the pages and, posting directly, every action.

const id = () => randomBytes(3).toString('hex')
const apiOnce = (projectName: string) => test.skip(projectName !== 'desktop', 'the API half runs once; the pages are scanned at both sizes by the first test')
const UNAUTHORIZED = { error: 'unauthorized', message: 'Send a valid API key: Authorization: Bearer <key>' }
const ANY_USER = { username: 'no-such-user', passcode: '1234123456' }
const clientRow = (name: string) =>
  queryServerDb<{ id: string; keyHash: string; allowedAddresses: string; revokedAt: string | null } | null>('SELECT "id", "keyHash", "allowedAddresses", "revokedAt" FROM "ApiClient" WHERE "name" = ?', name)
// Other tests create clients meanwhile: count only the names this test used.
const clientsNamed = (...names: string[]) => Number(queryServerDb<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "ApiClient" WHERE "name" IN (${names.map(() => '?').join(', ')})`, ...names).n)

test('[ADMIN] an admin creates an API client, sees its key once, limits it to addresses and revokes it; the validation API follows', async ({ page, request, context }) => {
  test.slow() // a staff set-up and argon2
  const { username: admin } = await signedInStaff(page, { role: 'admin' })
  await page.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'API clients' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'API clients' })).toBeVisible()

  // Bad input: a clear message at the field, nothing written.
  await page.getByRole('button', { name: 'Create the API client' }).click()
  await expect(page.getByText('Give the API client a name')).toBeVisible()
  await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  const name = `gw-${id()}`
  await page.getByLabel('Name', { exact: true }).fill(name)
  await page.getByLabel('Allowed client addresses').fill('192.0.2.0/24, 10.0.0.0/33')
  await page.getByRole('button', { name: 'Create the API client' }).click()
  await expect(page.getByText('The prefix length after "/" must be a number from 0 to 32')).toBeVisible()
  await expect(page.getByLabel('Allowed client addresses')).toHaveValue('192.0.2.0/24, 10.0.0.0/33')
  const taken = createApiKey('taken')
  await page.getByLabel('Name', { exact: true }).fill(taken.name)
  await page.getByLabel('Allowed client addresses').fill('')
  await page.getByRole('button', { name: 'Create the API client' }).click()
  await expect(page.getByText(`An API client named ${taken.name} already exists; revoke it first or choose another name`)).toBeVisible()
  expect(clientsNamed(name, taken.name)).toBe(1) // the CLI's, nothing from the form

  // Created: the key once, with a copy button that copies exactly it.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.getByLabel('Name', { exact: true }).fill(name)
  await page.getByRole('button', { name: 'Create the API client' }).click()
  await expect(page.getByText(`API client ${name} created. Copy its key now: it is shown only this once.`)).toBeVisible()
  const key = (await page.getByRole('definition').filter({ hasText: /^tp_/ }).textContent())!.trim()
  expect(key).toMatch(/^tp_[A-Za-z0-9_-]{43}$/)
  await page.getByRole('button', { name: 'Copy the key' }).click()
  await expect(page.getByText('Copied to the clipboard.')).toBeVisible()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key)
  expect(page.url()).not.toContain(key)
  // The list already has it; the key is stored only as a keyed hash, and not in the audit log.
  const row = page.getByRole('row', { name: new RegExp(`^${name} `) })
  await expect(row).toContainText(`${key.slice(0, 11)}…`)
  await expect(row).toContainText(`by ${admin}`)
  await expect(row).toContainText('never')
  await expect(row).toContainText('any address')
  const stored = clientRow(name)!
  expect(stored.keyHash).not.toContain(key.slice(3, 20))
  const created = queryServerDb<{ actorLabel: string; details: string }>(`SELECT "actorLabel", "details" FROM "AuditEvent" WHERE "action" = 'apikey.created' AND "subjectId" = ?`, stored.id)
  expect(created.actorLabel).toBe(admin)
  expect(created.details).not.toContain(key.slice(3))

  // A reload and it is gone for good.
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'API clients' })).toBeVisible()
  await expect(page.getByText(key)).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Copy the key' })).toHaveCount(0)

  // Used by a gateway: the list shows when and from where.
  expect(await validate(request, key, ANY_USER)).toMatchObject({ status: 200, body: { result: 'reject' } })
  await page.reload()
  await expect(row).toContainText(/\d{1,2} \w+ \d{4} at \d{2}:\d{2} UTC from 127\.0\.0\.1/)
  expect(queryServerDb<{ lastUsedAddress: string }>('SELECT "lastUsedAddress" FROM "ApiClient" WHERE "id" = ?', stored.id).lastUsedAddress).toBe('127.0.0.1')

  // Allowed addresses without 127.0.0.1: the key is refused like a bad one, and that is audited.
  await page.getByRole('link', { name: `Change the allowed addresses of ${name}` }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Allowed addresses of ${name}` })).toBeVisible()
  await page.getByLabel('Allowed client addresses').fill('10.0.0.0/33')
  await page.getByRole('button', { name: 'Save the addresses' }).click()
  await expect(page.getByText('The prefix length after "/" must be a number from 0 to 32')).toBeVisible()
  expect(clientRow(name)!.allowedAddresses).toBe('')
  await page.getByLabel('Allowed client addresses').fill('192.0.2.0/24, 2001:DB8::/32')
  await page.getByRole('button', { name: 'Save the addresses' }).click()
  await expect(page.getByRole('status')).toHaveText('Allowed addresses saved. They apply from the next request, on every server.')
  await expect(row).toContainText('192.0.2.0/24, 2001:db8::/32')
  const refused = await validate(request, key, ANY_USER)
  const badKey = await validate(request, `tp_${'A'.repeat(43)}`, ANY_USER)
  expect(refused).toMatchObject({ status: 401, body: UNAUTHORIZED })
  expect(refused.body).toEqual(badKey.body)
  const refusals = queryServerDbAll<{ ip: string; details: string }>(`SELECT "ip", "details" FROM "AuditEvent" WHERE "action" = 'apikey.refused' AND "subjectId" = ?`, stored.id)
  expect(refusals).toHaveLength(1)
  expect(refusals[0]!.ip).toBe('127.0.0.1')
  expect(JSON.parse(refusals[0]!.details)).toMatchObject({ reason: 'address-not-allowed' })

  // With 127.0.0.1 in the list: accepted again.
  await page.getByRole('link', { name: `Change the allowed addresses of ${name}` }).click()
  await expect(page.getByLabel('Allowed client addresses')).toHaveValue('192.0.2.0/24, 2001:db8::/32')
  await page.getByLabel('Allowed client addresses').fill('192.0.2.0/24 127.0.0.1')
  await page.getByRole('button', { name: 'Save the addresses' }).click()
  await expect(row).toContainText('192.0.2.0/24, 127.0.0.1/32')
  expect(await validate(request, key, ANY_USER)).toMatchObject({ status: 200, body: { result: 'reject' } })

  // Revoked after a confirmation: refused from the next request.
  await page.getByRole('link', { name: `Revoke ${name}` }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Revoke ${name}?` })).toBeVisible()
  await page.getByRole('link', { name: 'Cancel' }).click()
  await expect(row).toContainText('Active')
  await page.getByRole('link', { name: `Revoke ${name}` }).click()
  await page.getByRole('button', { name: `Revoke ${name}` }).click()
  await expect(page.getByRole('status')).toHaveText('API client revoked: its key is refused from the next request, on every server.')
  await expect(page.getByRole('row', { name: new RegExp(`^${name} \\(revoked`) })).toContainText('Revoked')
  expect(await validate(request, key, ANY_USER)).toMatchObject({ status: 401, body: UNAUTHORIZED })
  const trail = queryServerDbAll<{ action: string; actorLabel: string }>(`SELECT "action", "actorLabel" FROM "AuditEvent" WHERE "subjectId" = ? AND "action" <> 'apikey.refused' ORDER BY "at"`, stored.id)
  expect(trail).toEqual(['apikey.created', 'apikey.addresses-changed', 'apikey.addresses-changed', 'apikey.revoked'].map((action) => ({ action, actorLabel: admin })))

  // A revoked client, or an id that names none: nothing to change or revoke.
  for (const path of [`/admin/api-clients/${stored.id}/addresses`, `/admin/api-clients/${stored.id}/revoke`, '/admin/api-clients/no-such-client/revoke']) {
    expect((await page.goto(path))?.status(), path).toBe(404)
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  }
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('[ADMIN] the key is shown once as selectable text, with no copy button that would do nothing', async ({ page }, testInfo) => {
    apiOnce(testInfo.project.name)
    test.slow()
    await signedInStaff(page, { role: 'admin' })
    await page.goto('/admin/api-clients')
    const name = `plain-${id()}`
    await page.getByLabel('Name', { exact: true }).fill(name)
    await page.getByLabel('Allowed client addresses').fill('::ffff:127.0.0.1')
    await page.getByRole('button', { name: 'Create the API client' }).click()
    await expect(page.getByText(`API client ${name} created. Copy its key now: it is shown only this once.`)).toBeVisible()
    await expect(page.getByText('It works only from 127.0.0.1/32.')).toBeVisible()
    await expect(page.getByRole('definition').filter({ hasText: /^tp_[A-Za-z0-9_-]{43}$/ })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Copy the key' })).toHaveCount(0)
    await page.getByRole('link', { name: 'I have stored the key' }).click()
    await expect(page.getByRole('row', { name: new RegExp(`^${name} `) })).toContainText('127.0.0.1/32')
    await expect(page.getByText(/tp_[A-Za-z0-9_-]{43}/)).toHaveCount(0)
  })
})

/** A page's forms as posted without JavaScript: its hidden fields (the server action's reference among them), by what the page served. */
async function formsOf(request: APIRequestContext, path: string): Promise<Record<string, string>[]> {
  const html = await (await request.get(path)).text()
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
  return [...html.matchAll(/<form[^>]*>([\s\S]*?)<\/form>/g)].map(([, inner]) =>
    Object.fromEntries([...inner!.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map(([, n, v]) => [unescape(n!), unescape(v ?? '')])),
  )
}

async function adminRequest(browser: Browser) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signedInStaff(page, { role: 'admin' })
  return context
}

test('[ADMIN] a helpdesk member is refused the API client pages and, posting directly, every action', async ({ page, browser, baseURL }, testInfo) => {
  apiOnce(testInfo.project.name)
  test.slow() // two staff set-ups
  const victim = createApiKey('victim')
  const victimId = clientRow(victim.name)!.id
  // The forms as an administrator is served them, action references included.
  const adminContext = await adminRequest(browser)
  const [create] = (await formsOf(adminContext.request, '/admin/api-clients')).filter((f) => Object.keys(f).some((k) => k.startsWith('$ACTION_REF') || k === '$ACTION_KEY'))
  const [addresses] = await formsOf(adminContext.request, `/admin/api-clients/${victimId}/addresses`).then((forms) => forms.filter((f) => f.clientId))
  const [revoke] = await formsOf(adminContext.request, `/admin/api-clients/${victimId}/revoke`).then((forms) => forms.filter((f) => f.clientId))
  await adminContext.close()
  expect(create && addresses && revoke, 'the admin was served all three forms').toBeTruthy()

  await signedInStaff(page)
  await expect(page.getByRole('link', { name: 'API clients' })).toHaveCount(0)
  for (const path of ['/admin/api-clients', `/admin/api-clients/${victimId}/addresses`, `/admin/api-clients/${victimId}/revoke`]) {
    await page.goto(path)
    await expect(page.getByRole('alert').filter({ hasText: 'That page is' })).toHaveText('That page is for administrators only.')
  }

  // The same forms posted with the helpdesk member's session: sent away, nothing changed.
  const post = (path: string, fields: Record<string, string>) => page.request.post(path, { headers: { Origin: baseURL! }, multipart: fields, maxRedirects: 0 })
  const name = `sneaky-${id()}`
  for (const [path, fields] of [
    ['/admin/api-clients', { ...create!, name, allowedAddresses: '' }],
    [`/admin/api-clients/${victimId}/addresses`, { ...addresses!, allowedAddresses: '192.0.2.1' }],
    [`/admin/api-clients/${victimId}/revoke`, revoke!],
  ] as const) {
    const answer = await post(path, fields)
    expect(answer.status(), path).toBe(303)
    expect(answer.headers()['location'], path).toContain('/staff?refused=role')
  }
  expect(clientsNamed(name)).toBe(0)
  expect(clientRow(victim.name)).toMatchObject({ allowedAddresses: '', revokedAt: null })
  expect(queryServerDbAll(`SELECT "id" FROM "AuditEvent" WHERE "subjectId" = ? AND "action" <> 'apikey.created'`, victimId)).toEqual([])
})
