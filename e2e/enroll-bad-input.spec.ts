import { expect, test } from './fixtures'
import { choosePin, currentCode, invitedUser, readEnrollmentString, startAndVerify, submitCode, wrongCode } from './helpers/enrollment'
import { enrollmentLinkIn, mailFor, waitForMail } from './helpers/mailbox'
import { portal, updateInvitations } from './helpers/portal-cli'

// Whole journeys, with an axe scan of every page on the way.
test.describe.configure({ timeout: 90_000 })

test('[ENROLL] a wrong code says what to check and how many tries remain; five lock the link', async ({ page }) => {
  const { link } = await invitedUser()
  await page.goto(link)
  await page.getByRole('button', { name: 'Start' }).click()
  await page.getByRole('link', { name: 'Next: add your token' }).click()
  const secret = await readEnrollmentString(page)
  const problem = page.locator('#code-error')

  // Not a code at all: explained, and not counted.
  await submitCode(page, '12ab56')
  await expect(problem).toHaveText('Type the 6 digits your app shows for this account.')
  await expect(page.getByLabel('Code from your app')).toHaveAttribute('aria-invalid', 'true')

  for (const left of [4, 3, 2, 1]) {
    await submitCode(page, wrongCode(secret))
    await expect(problem).toContainText(left === 1 ? 'You have 1 try left.' : `You have ${left} tries left.`)
  }
  await expect(problem).toContainText('clock')
  await submitCode(page, wrongCode(secret))
  await expect(page.getByRole('heading', { level: 1, name: 'This enrollment link is locked' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Send me a new link' })).toBeVisible()

  // Locked for good: the right code no longer helps, and the secret is gone from the page.
  await page.goto(`${link}/add`)
  await expect(page.getByRole('heading', { level: 1, name: 'This enrollment link is locked' })).toBeVisible()
  expect(await page.content()).not.toContain(secret.slice(0, 8))
  expect(currentCode(secret)).toMatch(/^\d{6}$/)
})

test('[ENROLL] each PIN rule and the token name are explained, and nothing activates until all are right', async ({ page }) => {
  const { user, link } = await invitedUser()
  await startAndVerify(page, link)
  await expect(page.getByText('4 to 16 digits (0–9).')).toBeVisible()

  const pinErrors = page.locator('#pin-error')
  await choosePin(page, { pin: '123' })
  await expect(pinErrors).toContainText('Your PIN has 3 characters; it needs at least 4.')
  await expect(page.getByLabel('PIN', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  await choosePin(page, { pin: '12ab' })
  await expect(pinErrors).toContainText('Use digits 0–9 only')
  await choosePin(page, { pin: '1234' })
  await expect(pinErrors).toContainText('too easy to guess')
  await choosePin(page, { pin: '0000' })
  await expect(pinErrors).toContainText('too easy to guess')
  await choosePin(page, { pin: '12345678901234567' })
  await expect(pinErrors).toContainText('it can have at most 16')
  await choosePin(page, { pin: '4827', confirm: '4872' })
  await expect(page.locator('#pinConfirm-error')).toHaveText('The two PINs do not match. Type the same PIN in both fields.')
  await choosePin(page, { pin: '4827', name: 'n'.repeat(65) })
  await expect(page.locator('#name-error')).toHaveText('Keep the name to 64 characters or fewer.')
  // The name typed survives a problem; PINs are never sent back to the page.
  await expect(page.getByLabel('Token name')).toHaveValue('n'.repeat(65))
  await expect(page.getByLabel('PIN', { exact: true })).toHaveValue('')
  await choosePin(page, { pin: '4827', name: '   ' })
  await expect(page.locator('#name-error')).toHaveText('Give your token a name.')

  // Nothing was activated meanwhile: no confirmation email, still on the PIN step.
  expect((await mailFor(user.email)).filter((m) => /token was added/.test(m.subject))).toHaveLength(0)
  await page.goto(link)
  await expect(page.getByRole('heading', { level: 1, name: 'Your token works. Now choose a PIN' })).toBeVisible()
  await choosePin(page, { pin: '4827', name: 'Phone' })
  await expect(page.getByRole('heading', { level: 1, name: 'Your token is ready' })).toBeVisible()
})

test('[ENROLL] a link that expires mid-way stops at a clear page, with a way to get a new one', async ({ page }) => {
  const { user, link } = await invitedUser()
  await startAndVerify(page, link)
  updateInvitations(user.username, { expired: true })
  await choosePin(page, { pin: '4827' })
  await expect(page.getByRole('heading', { level: 1, name: 'This enrollment link has expired' })).toBeVisible()
  await page.getByLabel('Username or email address').fill(user.username)
  await page.getByRole('button', { name: 'Send me a new link' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /Check your email/ })).toBeVisible()
})

test('[ENROLL] two tabs activating at once activate one token, once', async ({ page }) => {
  const { user, link } = await invitedUser()
  await startAndVerify(page, link)
  const second = await page.context().newPage()
  await second.goto(link)
  await expect(second.getByRole('heading', { level: 1, name: 'Your token works. Now choose a PIN' })).toBeVisible()
  for (const tab of [page, second]) {
    await tab.getByLabel('PIN', { exact: true }).fill('4827')
    await tab.getByLabel('PIN again, to confirm').fill('4827')
  }
  await Promise.all([page.getByRole('button', { name: 'Activate my token' }).click(), second.getByRole('button', { name: 'Activate my token' }).click()])
  for (const tab of [page, second]) await expect(tab.getByRole('heading', { level: 1, name: 'Your token is ready' })).toBeVisible()
  await expect.poll(async () => (await mailFor(user.email)).filter((m) => /token was added/.test(m.subject)).length).toBe(1)
  await second.close()
})

test('[ENROLL] a second enrollment says it will replace the first, and does so only at activation', async ({ page }) => {
  const first = await invitedUser()
  await startAndVerify(page, first.link)
  await choosePin(page, { pin: '4827', name: 'Old phone' })
  await expect(page.getByRole('heading', { level: 1, name: 'Your token is ready' })).toBeVisible()

  portal(['invite', first.user.username])
  const link = enrollmentLinkIn(await waitForMail(first.user.email, { subject: /^Set up your sign-in token/, count: 2 }))
  await page.goto(link)
  await expect(page.getByText('You already have a token (Old phone).')).toBeVisible()
  await startAndVerify(page, link)
  await expect(page.getByText('This token will replace “Old phone”')).toBeVisible()
  await choosePin(page, { pin: '5938', name: 'New phone' })
  await expect(page.getByRole('heading', { level: 1, name: 'Your token is ready' })).toBeVisible()
})
