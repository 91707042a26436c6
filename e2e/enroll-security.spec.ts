import { expect, test } from './fixtures'
import { choosePin, currentCode, invitedUser, readEnrollmentString, startAndVerify } from './helpers/enrollment'
import { createApiKey, seedToken, validate } from './helpers/gateway'
import { enrollmentLinkIn, waitForMail } from './helpers/mailbox'
import { queryServerDb } from './helpers/server-db'

// The enrollment link alone is not enough: after Start only that browser
// sees the secret and may finish, and a link anyone could have asked for
// replaces a working token only with a passcode from it.

test('[ENROLL] after Start, the link shows another browser nothing secret, and it may start again there', async ({ page, browser }) => {
  test.setTimeout(90_000)
  const { user, link } = await invitedUser('bind')
  // The first browser (a desktop, say) presses Start and reaches the secret.
  const first = await browser.newContext()
  const firstPage = await first.newPage()
  await firstPage.goto(link)
  await firstPage.getByRole('button', { name: 'Start' }).click()
  await firstPage.getByRole('link', { name: 'I already have an authenticator app' }).click()
  const firstSecret = await readEnrollmentString(firstPage)

  // The link in another browser (the phone, a mail scanner, whoever has the email).
  await page.goto(link)
  await expect(page.getByRole('heading', { level: 1, name: 'This setup was started on another device or browser' })).toBeVisible()
  await page.goto(`${link}/add`)
  await expect(page.getByRole('heading', { level: 1, name: 'This setup was started on another device or browser' })).toBeVisible()
  expect(await page.content()).not.toContain(firstSecret.slice(0, 8))

  // Starting again here: a new secret for this browser; the first one stops working.
  await page.getByRole('button', { name: 'Start again here' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Get an authenticator app' })).toBeVisible()
  await page.getByRole('link', { name: 'I already have an authenticator app' }).click()
  const secret = await readEnrollmentString(page)
  expect(secret).not.toBe(firstSecret)
  await firstPage.reload()
  await expect(firstPage.getByRole('heading', { level: 1, name: 'This setup was started on another device or browser' })).toBeVisible()
  await first.close()

  await page.getByLabel('Code from your app').fill(currentCode(secret))
  await page.getByRole('button', { name: 'Check the code' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Your token works. Now choose a PIN' })).toBeVisible()
  await choosePin(page, { pin: '5938' })
  await expect(page.getByRole('heading', { level: 1, name: 'Your token is ready' })).toBeVisible()
  // Each display of a secret is in the audit log: the first browser's, and this one's.
  const shown = queryServerDb<{ n: number }>(`SELECT count(*) AS "n" FROM "AuditEvent" WHERE "action" = 'token.secret-shown' AND "actorLabel" = ?`, user.username)
  expect(shown.n).toBe(2)
})

test('[ENROLL] a link asked for from the sign-in page replaces a working token only with a passcode from it', async ({ page }) => {
  test.setTimeout(90_000)
  // Someone who has a working token (PIN 4827) asks for a new link, as a person would.
  const token = seedToken('4827')
  const email = `${token.username}@example.com`
  await page.goto('/enroll/request')
  await page.getByLabel('Username or email address').fill(token.username)
  await page.getByRole('button', { name: 'Send me a new link' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible()
  const link = enrollmentLinkIn(await waitForMail(email, { subject: /^Your new enrollment link/ }))

  await page.goto(link)
  await expect(page.getByRole('heading', { level: 2, name: 'First, show it is you' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'No longer have your token, or forgot your PIN?' })).toBeVisible()
  const passcode = page.getByLabel('Passcode from your current token')
  const confirm = page.getByRole('button', { name: 'Confirm and start' })

  // Nothing typed, then a wrong PIN: a clear message each time, nothing started.
  await passcode.fill(' ')
  await confirm.click()
  const problem = page.getByRole('alert').filter({ hasText: /passcode/ })
  await expect(problem).toHaveText('Type a passcode: your PIN followed by the code your app shows now.')
  await passcode.fill(`1111${currentCode(token.secret)}`)
  await confirm.click()
  await expect(problem).toContainText('That passcode did not work.')
  await expect(problem).toContainText('You have 4 tries left with this link.')
  expect(queryServerDb<{ n: number }>(`SELECT count(*) AS "n" FROM "Token" WHERE "userId" = ? AND "status" = 'PENDING'`, token.userId).n).toBe(0)
  // The wrong passcode counted toward the token's lockout, as at the gateway.
  expect(queryServerDb<{ failedAttempts: number }>(`SELECT "failedAttempts" FROM "Token" WHERE "id" = ?`, token.tokenId).failedAttempts).toBe(1)

  // The right passcode starts the enrollment, and that code is used up.
  const code = currentCode(token.secret)
  await passcode.fill(`4827${code}`)
  await confirm.click()
  await expect(page.getByRole('heading', { level: 1, name: 'Get an authenticator app' })).toBeVisible()
  const { key } = createApiKey()
  expect((await validate(page.request, key, { username: token.username, passcode: `4827${code}` })).body).toMatchObject({ result: 'reject' })

  await page.getByRole('link', { name: 'I already have an authenticator app' }).click()
  const secret = await readEnrollmentString(page)
  await page.getByLabel('Code from your app').fill(currentCode(secret))
  await page.getByRole('button', { name: 'Check the code' }).click()
  await choosePin(page, { pin: '5938' })
  await expect(page.getByRole('heading', { level: 1, name: 'Your token is ready' })).toBeVisible()

  // The replacement is announced, with what to do if it was not them, and audited with both serials.
  const enrolled = await waitForMail(email, { subject: /^A sign-in token was added/ })
  expect(enrolled.text).toContain(`(serial ${token.serial}), which no longer works`)
  expect(enrolled.text).toContain("If this wasn't you, someone else now holds your sign-in token")
  const replaced = queryServerDb<{ details: string }>(`SELECT "details" FROM "AuditEvent" WHERE "action" = 'token.replaced' AND "subjectId" = ?`, token.tokenId)
  expect(JSON.parse(replaced.details)).toMatchObject({ oldSerial: token.serial })
  // The old token no longer signs in; the new one does.
  expect((await validate(page.request, key, { username: token.username, passcode: `4827${currentCode(token.secret, 30)}` })).body).toMatchObject({ result: 'reject' })
  expect((await validate(page.request, key, { username: token.username, passcode: `5938${currentCode(secret, 30)}` })).body).toMatchObject({ result: 'accept' })
})

test('[ENROLL] a link from the helpdesk needs no passcode, even for someone who has a token', async ({ page }) => {
  const { link } = await invitedUser('staffsent')
  await startAndVerify(page, link)
  await expect(page.getByRole('heading', { level: 1, name: 'Your token works. Now choose a PIN' })).toBeVisible()
})
