import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { bytesToBase32 } from '../lib/otp/base32'
import { expect, test } from './fixtures'
import { waitForMail } from './helpers/mailbox'
import { hotpCode, openToken, personWithHotp, signIn } from './helpers/portal'
import { addTestUser, portal } from './helpers/portal-cli'
import { queryServerDb, updateServerDb } from './helpers/server-db'
import { signedInStaff } from './helpers/staff'

// Hardware tokens through their life (issue #15 item 5, decision 023): seeds
// imported with the real CLI; a helpdesk member assigns one from a user's
// page and the user activates it from the emailed link with a code computed
// here from the imported seed; a signed-in person claims one by serial and
// two consecutive codes (policy on); an admin returns a revoked token to
// stock. Bad input: a clear message and nothing changed.

type Row = { status: string; userId: string | null; pinHash: string | null; counter: number }
const tokenRow = (serial: string) => queryServerDb<Row>('SELECT "status", "userId", "pinHash", "counter" FROM "Token" WHERE "serial" = ?', serial)
const userId = (username: string) => queryServerDb<{ id: string }>('SELECT "id" FROM "User" WHERE "username" = ?', username).id
const CLAIM_FAILED = 'That serial number and those codes do not match a token you can claim.'

/** HOTP tokens imported through `portal token import`, with seeds the test keeps to compute codes. */
function importHotpTokens(count: number): { serial: string; secret: string }[] {
  const tokens = Array.from({ length: count }, () => ({ serial: `HW-${randomBytes(4).toString('hex').toUpperCase()}`, secret: bytesToBase32(randomBytes(20)) }))
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'hw-')), 'seeds.csv')
  writeFileSync(file, `serial,secret_base32,type,digits,counter\n${tokens.map((t) => `${t.serial},${t.secret},HOTP,6,0`).join('\n')}\n`)
  const result = portal(['token', 'import', file])
  expect(result.code, result.stderr).toBe(0)
  return tokens
}
/** A 6-digit code that none of counters 0…20 shows: surely wrong. */
function wrongCode(secret: string): string {
  const used = new Set(Array.from({ length: 21 }, (_, c) => hotpCode(secret, c)))
  for (let n = 123456; ; n++) if (!used.has(String(n))) return String(n)
}

test('[HARDWARE] a helpdesk member assigns a token from the console; the user activates it from the email; a helpdesk member is refused the admin inventory', async ({ page, browser }) => {
  test.slow() // a staff set-up, an email, a second browser
  const [token] = importHotpTokens(1)
  const user = addTestUser('hw')
  await signedInStaff(page, { role: 'helpdesk' })
  await page.goto(`/staff/users/${userId(user.username)}`)
  await page.getByRole('link', { name: 'Assign a hardware token' }).click()
  await page.getByLabel('Serial number').fill(token!.serial.slice(0, 6))
  await page.getByRole('button', { name: 'Search the inventory' }).click()
  await page.getByRole('link', { name: `Choose ${token!.serial}` }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Assign hardware token ${token!.serial}?` })).toBeVisible()
  // The reason is required, as for every helpdesk action: nothing changes without it.
  await page.getByRole('button', { name: 'Assign the token' }).click()
  await expect(page.getByText('Give a reason of at least 3 characters')).toBeVisible()
  expect(tokenRow(token!.serial)).toMatchObject({ status: 'INVENTORY', userId: null })
  await page.getByLabel('Reason').fill('Ticket 4711')
  await page.getByRole('button', { name: 'Assign the token' }).click()
  await expect(page.getByRole('status')).toContainText('The hardware token is assigned.')
  expect(tokenRow(token!.serial)).toMatchObject({ status: 'ASSIGNED', userId: userId(user.username), pinHash: null })

  // The inventory page and its return action are for administrators only.
  await page.goto('/admin/tokens')
  await expect(page).toHaveURL(/\/staff\?refused=role$/)

  const mail = await waitForMail(user.email, { subject: /^Activate your hardware token/ })
  expect(mail.text).toContain(token!.serial)
  const link = /https?:\/\/\S+\/activate\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0]
  const holder = await (await browser.newContext()).newPage()
  // Opening the link changes nothing (mail scanners do).
  expect((await holder.request.get(link)).status()).toBe(200)
  // The same link opened under /enroll/ (typed by hand, say) leads to its own page.
  await holder.goto(link.replace('/activate/', '/enroll/'))
  await expect(holder).toHaveURL(link)
  await expect(holder.getByRole('heading', { level: 1, name: `Activate your hardware token ${token!.serial}` })).toBeVisible()
  await holder.getByLabel('Code from the token').fill(wrongCode(token!.secret))
  await holder.getByLabel('New PIN').fill('4827')
  await holder.getByLabel('The same PIN again').fill('4827')
  await holder.getByRole('button', { name: 'Activate my token' }).click()
  await expect(holder.getByText(`That code did not match token ${token!.serial}.`)).toBeVisible()
  expect(tokenRow(token!.serial)).toMatchObject({ status: 'ASSIGNED', pinHash: null, counter: 0 })

  await holder.getByLabel('Code from the token').fill(hotpCode(token!.secret, 0))
  await holder.getByLabel('New PIN').fill('4827')
  await holder.getByLabel('The same PIN again').fill('4827')
  await holder.getByRole('button', { name: 'Activate my token' }).click()
  await expect(holder.getByRole('heading', { level: 1, name: `Your token ${token!.serial} is active` })).toBeVisible()
  expect(tokenRow(token!.serial)).toMatchObject({ status: 'ACTIVE', userId: userId(user.username), counter: 1 })
  expect(tokenRow(token!.serial).pinHash).not.toBeNull()
  // The link is used up: opened again it offers nothing to activate, and the token stays as it is.
  await holder.goto(link)
  await expect(holder.getByRole('button', { name: 'Activate my token' })).toHaveCount(0)
  expect(tokenRow(token!.serial)).toMatchObject({ status: 'ACTIVE', counter: 1 })
  // The user signs in with PIN + the next code from the device.
  await signIn(holder, { username: user.username, passcode: `4827${hotpCode(token!.secret, 1)}` })
  await expect(holder.getByRole('heading', { level: 2, name: `${user.username}-${token!.serial}` })).toBeVisible()
  await holder.context().close()
})

test('[HARDWARE] a signed-in person claims a token by serial and two codes (policy on); wrong codes and someone else’s token are refused alike', async ({ page, browser }) => {
  test.slow()
  const [mine, theirs] = importHotpTokens(2)
  const admin = await (await browser.newContext()).newPage()
  await signedInStaff(admin, { role: 'admin' })
  await admin.goto('/admin/policies')
  await admin.getByLabel('People may claim hardware tokens').check()
  await admin.getByRole('button', { name: 'Save policies' }).click()
  await expect(admin.getByRole('status')).toContainText('People may claim hardware tokens')
  // Someone else was given the second token.
  const other = addTestUser('hw')
  updateServerDb(`UPDATE "Token" SET "status" = 'ASSIGNED', "userId" = ? WHERE "serial" = ?`, userId(other.username), theirs!.serial)

  const person = personWithHotp('4827')
  const name = `${person.username}-${person.serial}`
  await signIn(page, { username: person.username, passcode: `4827${person.next()}` })
  // One token per person (the default): the software token must go first.
  await openToken(page, name)
  await page.getByRole('link', { name: 'Report lost or stolen' }).click()
  await page.getByRole('button', { name: `Report ${name} lost` }).click()
  await expect(page.getByRole('status')).toContainText('Your token was reported lost.')
  await page.getByRole('link', { name: 'Claim a hardware token' }).click()

  const claim = async (serial: string, first: string, second: string) => {
    await page.getByLabel('Serial number').fill(serial)
    await page.getByLabel('First code').fill(first)
    await page.getByLabel('Next code').fill(second)
    await page.getByLabel('New PIN').fill('5938')
    await page.getByLabel('The same PIN again').fill('5938')
    await page.getByRole('button', { name: 'Claim this token' }).click()
  }
  // Codes in the wrong order, and a right pair for someone else's token: the same message, nothing changes.
  await claim(mine!.serial, hotpCode(mine!.secret, 1), hotpCode(mine!.secret, 0))
  await expect(page.getByText(CLAIM_FAILED)).toBeVisible()
  await claim(theirs!.serial, hotpCode(theirs!.secret, 0), hotpCode(theirs!.secret, 1))
  await expect(page.getByText(CLAIM_FAILED)).toBeVisible()
  expect(tokenRow(mine!.serial)).toMatchObject({ status: 'INVENTORY', userId: null, counter: 0 })
  expect(tokenRow(theirs!.serial)).toMatchObject({ status: 'ASSIGNED', userId: userId(other.username) })

  await claim(mine!.serial, hotpCode(mine!.secret, 2), hotpCode(mine!.secret, 3))
  await expect(page.getByRole('status')).toContainText('The hardware token is yours and active.')
  expect(tokenRow(mine!.serial)).toMatchObject({ status: 'ACTIVE', userId: userId(person.username), counter: 4 })

  await admin.goto('/admin/policies')
  await admin.getByLabel('People may claim hardware tokens').uncheck()
  await admin.getByRole('button', { name: 'Save policies' }).click()
  await expect(admin.getByRole('status')).toContainText('People may claim hardware tokens')
  await admin.context().close()
})

test('[HARDWARE] an administrator returns a revoked token to the inventory after confirming; the counts follow', async ({ page }) => {
  test.slow()
  const [token] = importHotpTokens(1)
  const owner = addTestUser('hw')
  updateServerDb(`UPDATE "Token" SET "status" = 'REVOKED', "userId" = ? WHERE "serial" = ?`, userId(owner.username), token!.serial)
  await signedInStaff(page, { role: 'admin' })
  await page.getByRole('link', { name: 'Hardware tokens' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Hardware tokens' })).toBeVisible()
  const stock = async () => Number(await page.getByRole('list', { name: 'Hardware tokens by state' }).getByRole('listitem').filter({ hasText: 'In stock' }).locator('span').textContent())
  const before = await stock()
  await page.getByLabel('Serial starts with').fill(token!.serial)
  await page.getByRole('button', { name: 'Show' }).click()
  await page.getByRole('link', { name: `Return ${token!.serial} to inventory` }).click()
  await expect(page.getByRole('heading', { level: 2, name: `Return ${token!.serial} to the inventory?` })).toBeVisible()
  // Cancel changes nothing.
  await page.getByRole('link', { name: 'Cancel' }).click()
  await expect(page.getByRole('heading', { level: 2, name: `Return ${token!.serial} to the inventory?` })).toHaveCount(0)
  await expect(page).toHaveURL(/\/admin\/tokens$/)
  expect(tokenRow(token!.serial)).toMatchObject({ status: 'REVOKED', userId: userId(owner.username) })
  await page.getByLabel('Serial starts with').fill(token!.serial)
  await page.getByRole('button', { name: 'Show' }).click()
  await page.getByRole('link', { name: `Return ${token!.serial} to inventory` }).click()
  await page.getByRole('button', { name: 'Return to inventory' }).click()
  await expect(page.getByRole('status')).toContainText('The token is back in stock')
  expect(tokenRow(token!.serial)).toMatchObject({ status: 'INVENTORY', userId: null })
  expect(await stock()).toBeGreaterThanOrEqual(before + 1)
  const event = queryServerDb<{ details: string }>(`SELECT "details" FROM "AuditEvent" WHERE "action" = 'inventory.returned' AND "subjectLabel" = ?`, token!.serial)
  expect(JSON.parse(event.details)).toEqual({ from: 'REVOKED', previousHolder: owner.username })
})

test('[HARDWARE] signed out, from another site, or with an unknown user: the claim and assign pages refuse and change nothing', async ({ page, request }) => {
  const [stock] = importHotpTokens(1)
  // Signed out: the claim page asks for sign-in first.
  await page.goto('/tokens/claim')
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to manage your tokens' })).toBeVisible()
  // A claim posted from another site is refused before it runs.
  const crossSite = await request.post('/tokens/claim', {
    headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    multipart: { serial: stock!.serial, first: hotpCode(stock!.secret, 0), second: hotpCode(stock!.secret, 1), pin: '4827', pinConfirm: '4827' },
    maxRedirects: 0,
  })
  expect(crossSite.status()).toBe(403)
  expect(tokenRow(stock!.serial)).toMatchObject({ status: 'INVENTORY', userId: null, pinHash: null, counter: 0 })
  // A staff member naming a user who does not exist: not found.
  await signedInStaff(page)
  expect((await page.goto('/staff/users/no-such-user/assign-token'))?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  expect(tokenRow(stock!.serial)).toMatchObject({ status: 'INVENTORY', userId: null })
})
