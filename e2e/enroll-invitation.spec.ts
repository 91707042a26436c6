import { randomBytes } from 'node:crypto'
import { expect, test } from './fixtures'
import { enrollmentLinkIn, mailFor, waitForMail } from './helpers/mailbox'
import { addTestUser, portal, updateInvitations } from './helpers/portal-cli'
import { queryServerDbAll } from './helpers/server-db'

test('[ENROLL] an invited user gets an email whose link opens the start page, and opening never uses it up', async ({ page, request }) => {
  const user = addTestUser()
  const invited = portal(['invite', user.username])
  expect(invited).toMatchObject({ code: 0, stdout: `Invited 1 user(s): ${user.username}. Emails are queued for delivery.\n` })

  const mail = await waitForMail(user.email, { subject: /^Set up your sign-in token for / })
  expect(mail.from).toBe('"Token Portal" <no-reply@portal.test>')
  expect(mail.text).toContain(`Hello ${user.name}, set up your sign-in token`)
  expect(mail.text).toContain('forward this email to your phone')
  expect(mail.text).toMatch(/works until \d+ \w+ \d{4}/)
  const link = enrollmentLinkIn(mail)
  expect(mail.html).toContain(`href="${link}"`)

  await page.goto(link)
  await expect(page.getByRole('heading', { level: 1, name: `Hello ${user.name}, let’s set up your token` })).toBeVisible()
  await expect(page.getByText(`This link is for ${user.username} and works until`)).toBeVisible()

  // A mail scanner fetching the link, and the person opening it again: still valid.
  expect((await request.get(link, { headers: { 'User-Agent': 'SafeLinks-Scanner/1.0' } })).status()).toBe(200)
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: /let’s set up your token/ })).toBeVisible()
})

test('[ENROLL] a newer invitation replaces the old link, which then says so', async ({ page }) => {
  const user = addTestUser()
  portal(['invite', user.username])
  const oldLink = enrollmentLinkIn(await waitForMail(user.email))
  portal(['invite', user.username])
  const newLink = enrollmentLinkIn(await waitForMail(user.email, { count: 2 }))
  expect(newLink).not.toBe(oldLink)

  await page.goto(oldLink)
  await expect(page.getByRole('heading', { level: 1, name: 'This enrollment link was replaced or cancelled' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Send me a new link' })).toBeVisible()
  await page.goto(newLink)
  await expect(page.getByRole('heading', { level: 1, name: /let’s set up your token/ })).toBeVisible()
})

test('[ENROLL] an expired link explains itself and gets a new link by email', async ({ page }) => {
  const user = addTestUser()
  portal(['invite', user.username])
  const link = enrollmentLinkIn(await waitForMail(user.email))
  updateInvitations(user.username, { expired: true })

  await page.goto(link)
  await expect(page.getByRole('heading', { level: 1, name: 'This enrollment link has expired' })).toBeVisible()
  await page.getByLabel('Username or email address').fill(user.username.toUpperCase())
  await page.getByRole('button', { name: 'Send me a new link' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible()

  const fresh = await waitForMail(user.email, { subject: /^Your new enrollment link/ })
  await page.goto(enrollmentLinkIn(fresh))
  await expect(page.getByRole('heading', { level: 1, name: /let’s set up your token/ })).toBeVisible()
})

test('[ENROLL] used and unknown links show what happened', async ({ page }) => {
  const user = addTestUser()
  portal(['invite', user.username])
  const link = enrollmentLinkIn(await waitForMail(user.email))
  updateInvitations(user.username, { used: true })
  await page.goto(link)
  await expect(page.getByRole('heading', { level: 1, name: 'This enrollment link has already been used' })).toBeVisible()

  for (const token of [randomBytes(32).toString('base64url'), 'broken-in-two']) {
    await page.goto(`/enroll/${token}`)
    await expect(page.getByRole('heading', { level: 1, name: 'We do not recognise this enrollment link' })).toBeVisible()
    await expect(page.getByText('long links sometimes break across two lines')).toBeVisible()
  }
})

test('[ENROLL] asking for a new link answers the same whether or not the account exists', async ({ page }) => {
  const user = addTestUser()
  await page.goto('/')
  await page.getByRole('link', { name: /^Enroll a token/ }).click()
  await page.getByRole('link', { name: 'Get a new enrollment link' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Get a new enrollment link' })).toBeVisible()

  // Nothing typed: a clear message, and nothing sent.
  await page.getByRole('button', { name: 'Send me a new link' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Enter your' })).toHaveText('Enter your username or email address')
  await expect(page.getByLabel('Username or email address')).toHaveAccessibleDescription(/Enter your username or email address/)

  const ghost = `ghost-${randomBytes(4).toString('hex')}@example.com`
  await page.getByLabel('Username or email address').fill(ghost)
  await page.getByRole('button', { name: 'Send me a new link' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible()
  const answerForUnknown = await page.getByRole('main').innerText()

  await page.goto('/enroll/request')
  await page.getByLabel('Username or email address').fill(user.email)
  await page.getByRole('button', { name: 'Send me a new link' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible()
  expect(await page.getByRole('main').innerText()).toBe(answerForUnknown)

  const mail = await waitForMail(user.email, { subject: /^Your new enrollment link/ })
  expect(mail.text).toContain('You asked for a new link')
  expect(await mailFor(ghost)).toEqual([])
})

test('[ENROLL] too many requests for one account get a clear message and no more mail', async ({ page }) => {
  const user = addTestUser()
  for (let i = 0; i < 3; i++) {
    await page.goto('/enroll/request')
    await page.getByLabel('Username or email address').fill(user.username)
    await page.getByRole('button', { name: 'Send me a new link' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible()
  }
  await waitForMail(user.email, { count: 3 })

  await page.goto('/enroll/request')
  await page.getByLabel('Username or email address').fill(user.username)
  await page.getByRole('button', { name: 'Send me a new link' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Too many' })).toHaveText(/^Too many requests\. Please wait \d+ minutes and try again\.$/)
  // Mail is queued in the same transaction as the request, so the outbox is final once the page has answered.
  expect(queryServerDbAll(`SELECT "id" FROM "OutboxMessage" WHERE "to" = ?`, user.email)).toHaveLength(3)
  expect(await mailFor(user.email)).toHaveLength(3)
})

