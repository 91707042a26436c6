import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { currentCode } from './helpers/enrollment'
import { createApiKey, validate } from './helpers/gateway'
import { enrollmentLinkIn, waitForMail } from './helpers/mailbox'
import { personWithHotp, signIn } from './helpers/portal'
import { queryServerDb, updateServerDb } from './helpers/server-db'
import { signedInStaff, STAFF_PASSWORD } from './helpers/staff'

// The helpdesk console, seed 000's situations end to end: a staff member
// finds the user, verifies the caller, acts with a reason and a
// confirmation, and the user's side changes (the validation API, the email).

type Person = ReturnType<typeof personWithHotp>

/** Finds the user as the helpdesk does: the console's search box, then the result. */
async function openUser(page: Page, person: Person) {
  await page.goto('/staff')
  await page.getByRole('searchbox', { name: 'Find a user' }).fill(person.username)
  await page.getByRole('button', { name: 'Search' }).click()
  await page.getByRole('link', { name: person.username, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: person.username })).toBeVisible()
}

/** From the user page: the action's own button, its confirmation page, a reason, and the button that does it. */
async function act(page: Page, { action, token, confirm, heading, reason = 'Ticket 4711, caller verified' }: { action: string; token?: string; confirm: string; heading: string | RegExp; reason?: string }) {
  await page.getByRole('link', { name: token ? `${action} ${token}` : action }).click()
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
  await page.getByLabel('Reason').fill(reason)
  await page.getByRole('button', { name: confirm }).click()
}

const tokenName = (person: Person) => `${person.username}-${person.serial}`
const tokenRow = (person: Person) => queryServerDb<{ status: string; pinHash: string | null; failedAttempts: number; lockedAt: string | null; secretCiphertext: string }>('SELECT "status", "pinHash", "failedAttempts", "lockedAt", "secretCiphertext" FROM "Token" WHERE "id" = ?', person.tokenId)

test('[HELPDESK] forgot PIN: the caller is verified by a code, the PIN is reset unseen, the old passcode stops working, and the user sets a new PIN from the email', async ({ page, request }) => {
  test.slow() // staff set-up, then the user's own journey
  const person = personWithHotp('4827')
  const { key } = createApiKey()
  const staff = await signedInStaff(page)
  await openUser(page, person)

  // Verify the caller: a wrong code says so (and counts), the right one matches once.
  await page.getByLabel('Code the caller reads out').fill('000000')
  await page.getByRole('button', { name: 'Check the code' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'does not match' })).toHaveText(`The code does not match ${person.serial}: the caller may not hold this token.`)
  expect(tokenRow(person).failedAttempts).toBe(1)
  await page.getByLabel('Code the caller reads out').fill(person.next())
  await page.getByRole('button', { name: 'Check the code' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'The code matches' })).toHaveText(`The code matches: the caller holds ${person.serial}. The code is used up.`)

  // Reset the PIN: a reason is required, and nothing changes without one.
  await page.getByRole('link', { name: `Reset PIN ${tokenName(person)}` }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Reset the PIN: ${tokenName(person)}` })).toBeVisible()
  await page.getByRole('button', { name: 'Reset PIN' }).click()
  await expect(page.getByText('Give a reason of at least 3 characters, e.g. the ticket number.')).toBeVisible()
  expect(tokenRow(person).pinHash).not.toBeNull()
  await page.getByLabel('Reason').fill('Ticket 4711: forgot PIN')
  await page.getByRole('button', { name: 'Reset PIN' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'PIN was reset' })).toHaveText('The PIN was reset. The user was emailed a link to set a new one; the token does not work until they do.')
  await expect(page.getByText('Not set (reset pending)')).toBeVisible()
  expect((await validate(request, key, { username: person.username, passcode: `4827${person.next()}` })).body).toMatchObject({ result: 'reject' })

  // The user's side: the email's link, a code as proof, a new PIN that works at the gateway.
  const mail = await waitForMail(person.email, { subject: /^Set a new PIN for your sign-in token/ })
  await page.goto(/https?:\/\/\S+\/forgot-pin\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0])
  await page.getByLabel('Code from your app').fill(person.next())
  await page.getByLabel('New PIN', { exact: true }).fill('5938')
  await page.getByLabel('New PIN again, to confirm').fill('5938')
  await page.getByRole('button', { name: 'Set my new PIN' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Your new PIN is set' })).toBeVisible()
  expect((await validate(request, key, { username: person.username, passcode: `5938${person.next()}` })).body).toEqual({ result: 'accept' })
  const audit = queryServerDb<{ actorType: string; actorLabel: string; details: string }>(`SELECT "actorType", "actorLabel", "details" FROM "AuditEvent" WHERE "action" = 'helpdesk.pin-reset' AND "subjectId" = ?`, person.tokenId)
  expect(audit).toMatchObject({ actorType: 'STAFF', actorLabel: staff.username })
  expect(JSON.parse(audit.details)).toMatchObject({ reason: 'Ticket 4711: forgot PIN' })
})

test('[HELPDESK] locked out, then token left at home: unlock, and a temporary passcode that works until it is cancelled', async ({ page, request }) => {
  test.slow()
  const person = personWithHotp('4827')
  const { key } = createApiKey()
  // Locked until staff unlock it.
  updateServerDb('UPDATE "Token" SET "failedAttempts" = 10, "lockedAt" = ?, "lockedUntil" = NULL, "lockCount" = 1 WHERE "id" = ?', new Date().toISOString(), person.tokenId)
  expect((await validate(request, key, { username: person.username, passcode: `4827${person.next()}` })).body).toMatchObject({ result: 'reject' })
  await signedInStaff(page)
  await openUser(page, person)
  await expect(page.getByText('Locked until staff unlock it')).toBeVisible()
  await act(page, { action: 'Unlock', token: tokenName(person), confirm: 'Unlock', heading: /^Unlock the token/ })
  await expect(page.getByRole('status').filter({ hasText: 'unlocked' })).toHaveText('The token was unlocked. The user was told by email.')
  expect((await validate(request, key, { username: person.username, passcode: `4827${person.next()}` })).body).toEqual({ result: 'accept' })
  await waitForMail(person.email, { subject: /^Your sign-in token was unlocked$/ })

  // Token at home: a passcode shown once, for a chosen period, many uses.
  await page.getByRole('link', { name: 'Issue a temporary passcode' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /^Issue a temporary passcode for / })).toBeVisible()
  await page.getByRole('button', { name: 'Issue the passcode' }).click()
  await expect(page.getByText('Give a reason of at least 3 characters, e.g. the ticket number.')).toBeVisible()
  expect(queryServerDb<{ n: number }>('SELECT COUNT(*) AS "n" FROM "TemporaryPasscode" WHERE "userId" = ?', person.userId).n).toBe(0)
  await page.getByLabel('Valid for').selectOption('4')
  await page.getByLabel('Until it expires').check()
  await page.getByLabel('Reason').fill('Token left at home')
  await page.getByRole('button', { name: 'Issue the passcode' }).click()
  await expect(page.getByRole('status')).toHaveText('Temporary passcode issued. Read it out now: it is shown only this once.')
  // Read off the page as the helpdesk reads it out: two groups of five.
  const passcode = (await page.getByRole('definition').filter({ hasText: /^[2-9A-Z]{5} [2-9A-Z]{5}$/ }).textContent())!.replace(' ', '')
  for (let i = 0; i < 2; i++) expect((await validate(request, key, { username: person.username, passcode })).body).toEqual({ result: 'accept' })
  const told = await waitForMail(person.email, { subject: /^A temporary passcode was issued for your account$/ })
  expect(told.text).not.toContain(passcode)

  // Cancelled early: it stops working at once.
  await openUser(page, person)
  await expect(page.getByText(/for any number of sign-ins \(used 2 times\)/)).toBeVisible()
  await act(page, { action: 'Cancel the temporary passcode', confirm: 'Cancel the passcode', heading: 'Cancel the temporary passcode', reason: 'Token found' })
  await expect(page.getByRole('status').filter({ hasText: 'cancelled' })).toHaveText('The temporary passcode was cancelled. The user was told by email.')
  expect((await validate(request, key, { username: person.username, passcode })).body).toMatchObject({ result: 'reject' })
  await waitForMail(person.email, { subject: /^Your temporary passcode was cancelled$/ })
})

test('[HELPDESK] lost phone, then a new one: mark lost, send a new enrollment email, revoke; and disable / enable', async ({ page, request }) => {
  test.slow()
  const person = personWithHotp('4827')
  const { key } = createApiKey()
  await signedInStaff(page)
  await openUser(page, person)

  await act(page, { action: 'Disable', token: tokenName(person), confirm: 'Disable', heading: /^Disable the token/ })
  await expect(page.getByRole('status').filter({ hasText: 'disabled' })).toHaveText('The token was disabled. The user was told by email.')
  expect((await validate(request, key, { username: person.username, passcode: `4827${person.next()}` })).body).toMatchObject({ result: 'reject' })
  await act(page, { action: 'Enable', token: tokenName(person), confirm: 'Enable', heading: /^Enable the token/ })
  await expect(page.getByRole('status').filter({ hasText: 'enabled' })).toHaveText('The token was enabled again. The user was told by email.')
  expect((await validate(request, key, { username: person.username, passcode: `4827${person.next()}` })).body).toEqual({ result: 'accept' })

  await act(page, { action: 'Mark lost', token: tokenName(person), confirm: 'Mark lost', heading: /^Mark the token lost/, reason: 'Phone stolen on the train' })
  await expect(page.getByRole('status').filter({ hasText: 'marked lost' })).toHaveText('The token was marked lost and no longer works. The user was told by email and signed out of the portal.')
  expect(tokenRow(person).status).toBe('LOST')
  expect((await validate(request, key, { username: person.username, passcode: `4827${person.next()}` })).body).toMatchObject({ result: 'reject' })
  await waitForMail(person.email, { subject: /^Your sign-in token was reported lost$/ })

  // The new phone: an enrollment email, its link ready to use.
  await act(page, { action: 'Send an enrollment email', confirm: 'Send the email', heading: /^Send an enrollment email$/, reason: 'New phone' })
  await expect(page.getByRole('status').filter({ hasText: 'enrollment email' })).toHaveText('The enrollment email is on its way.')
  expect(enrollmentLinkIn(await waitForMail(person.email, { subject: /^Set up your sign-in token for / }))).toMatch(/\/enroll\//)
  await expect(page.getByRole('cell', { name: 'Sent, not opened' })).toBeVisible()

  // The lost token goes for good: its secret is destroyed.
  await act(page, { action: 'Revoke', token: tokenName(person), confirm: 'Revoke', heading: /^Revoke the token/, reason: 'Replaced after theft' })
  await expect(page.getByRole('status').filter({ hasText: 'revoked' })).toHaveText('The token was revoked. The user was told by email and signed out of the portal.')
  expect(tokenRow(person)).toMatchObject({ status: 'REVOKED', secretCiphertext: '' })
  await expect(page.getByRole('link', { name: `Revoke ${tokenName(person)}` })).toHaveCount(0)
})

test('[HELPDESK] a sensitive action wants a recent sign-in, and an end user never reaches the console', async ({ page }) => {
  test.slow()
  const person = personWithHotp('4827')
  const staff = await signedInStaff(page)
  updateServerDb('UPDATE "StaffSession" SET "authenticatedAt" = ? WHERE "staffUserId" = (SELECT "id" FROM "StaffUser" WHERE "username" = ?)', new Date(Date.now() - 11 * 60_000).toISOString(), staff.username)
  await openUser(page, person)
  // Not sensitive: straight to the confirmation.
  await page.getByRole('link', { name: `Disable ${tokenName(person)}` }).click()
  await expect(page.getByRole('heading', { level: 1, name: /^Disable the token/ })).toBeVisible()
  await page.goBack()
  // Sensitive: password and a new code first, then back to the action.
  await page.getByRole('link', { name: `Revoke ${tokenName(person)}` }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm it’s you' })).toBeVisible()
  await page.getByLabel('Password').fill(STAFF_PASSWORD)
  await page.getByLabel('Authenticator code').fill(currentCode(staff.secret, 30))
  await page.getByRole('button', { name: 'Confirm' }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Revoke the token: ${tokenName(person)}` })).toBeVisible()

  // Someone else's token under this user: not found, nothing to confirm.
  const other = personWithHotp('4827')
  await page.goto(`/staff/users/${person.userId}/tokens/${other.tokenId}/disable`)
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()

  // Our own confirmation form with another user's token id put in: 404, and their token is untouched.
  await page.goto(`/staff/users/${person.userId}/tokens/${person.tokenId}/disable`)
  await page.locator('input[name="tokenId"]').evaluate((input, id) => ((input as HTMLInputElement).value = id), other.tokenId)
  await page.getByLabel('Reason').fill('Ticket 1')
  // A 404: the action's own answer, or /missing's when the click came before
  // the page's scripts were ready and the browser posted the form itself.
  const answer = page.waitForResponse((r) => r.status() === 404)
  await page.getByRole('button', { name: 'Disable' }).click()
  await answer
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  expect(queryServerDb<{ status: string }>('SELECT "status" FROM "Token" WHERE "id" = ?', other.tokenId).status).toBe('ACTIVE')

  // The same action posted from another site: refused before it runs.
  const crossSite = await page.request.post(`/staff/users/${person.userId}/tokens/${person.tokenId}/disable`, {
    headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    multipart: { userId: person.userId, tokenId: person.tokenId, action: 'disable', reason: 'Ticket 1' },
    maxRedirects: 0,
  })
  expect(crossSite.status()).toBe(403)
  expect(tokenRow(person).status).toBe('ACTIVE')

  // Signed out: the user page sends the visitor to staff sign-in.
  await page.context().clearCookies()
  await page.goto(`/staff/users/${person.userId}`)
  await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible()

  // An end user's session is not a staff session.
  await signIn(page, { username: person.username, passcode: `4827${person.next()}` })
  await page.goto(`/staff/users/${person.userId}`)
  await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible()
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('[HELPDESK] a confirmation form posted with another user’s token id answers with the whole not-found page, and nothing changes', async ({ page }) => {
    const person = personWithHotp('4827')
    const other = personWithHotp('4827')
    await signedInStaff(page)
    await page.goto(`/staff/users/${person.userId}/tokens/${person.tokenId}/disable`)
    await page.locator('input[name="tokenId"]').evaluate((input, id) => ((input as HTMLInputElement).value = id), other.tokenId)
    await page.getByLabel('Reason').fill('Ticket 1')
    const answer = page.waitForResponse((r) => r.request().method() === 'POST')
    const page404 = page.waitForResponse((r) => new URL(r.url()).pathname === '/missing')
    await page.getByRole('button', { name: 'Disable' }).click()
    // Next.js would draw notFound() for a plain form post without the root
    // layout: the action sends it to /missing, which answers 404 in the whole
    // document (components/forms/action-not-found.ts).
    expect((await answer).status()).toBe(303)
    expect((await page404).status()).toBe(404)
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await expect(page.getByRole('main')).toHaveCount(1)
    await expect(page.getByRole('banner')).toHaveCount(1)
    await expect(page).toHaveTitle(/^Page not found · /)
    expect(tokenRow(other).status).toBe('ACTIVE')
    expect(tokenRow(person).status).toBe('ACTIVE')
  })
})
