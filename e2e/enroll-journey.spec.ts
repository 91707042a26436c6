import { devices } from '@playwright/test'
import { expect, test } from './fixtures'
import { choosePin, currentCode, invitedUser, readEnrollmentString, startAndVerify, submitCode, wrongCode } from './helpers/enrollment'
import { waitForMail } from './helpers/mailbox'

// Whole journeys, with an axe scan of every page on the way.
test.describe.configure({ timeout: 90_000 })

// Device contexts without Playwright's browser choice: these machines run Chromium only.
function asDevice(name: 'iPhone 13' | 'Galaxy S9+' | 'Desktop Chrome') {
  const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = devices[name]!
  return { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch }
}

/** The first store link a person sees on the page. */
const firstStoreLink = (page: import('@playwright/test').Page) =>
  page.getByRole('main').getByRole('link').filter({ hasText: /App Store|Google Play|Download for/ }).first()

async function finishAndCheckDone(page: import('@playwright/test').Page, user: { username: string; email: string }, name: string) {
  await choosePin(page, { pin: '4827', name })
  await expect(page.getByRole('heading', { level: 1, name: 'Your token is ready' })).toBeVisible()
  await expect(page.getByText(`“${name}” (serial`)).toBeVisible()
  await expect(page.getByText(user.username, { exact: true })).toBeVisible()
  await expect(page.getByText('Do not type the gap.', { exact: false })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Rules of use' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Manage my tokens' })).toBeVisible()
  const mail = await waitForMail(user.email, { subject: /^A sign-in token was added to your account$/ })
  expect(mail.text).toContain(name)
}

test.describe('on an iPhone', () => {
  test.use(asDevice('iPhone 13'))
  test('[ENROLL] the App Store comes first, one tap adds the token, and a code, PIN and name finish it', async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== 'desktop', 'sets its own device')
    const { user, link } = await invitedUser()
    await page.goto(link)
    await page.getByRole('button', { name: 'Start' }).click()

    await expect(page.getByRole('heading', { level: 1, name: 'Get an authenticator app' })).toBeVisible()
    await expect(page.getByRole('navigation', { name: 'Enrollment steps' }).locator('[aria-current="step"]')).toHaveText(/Get the app/)
    await expect(page.getByRole('heading', { level: 2, name: 'For your iPhone or iPad' })).toBeVisible()
    await expect(firstStoreLink(page)).toHaveAttribute('href', /^https:\/\/apps\.apple\.com\//)
    await page.getByText('Other devices').click()
    await expect(page.getByRole('heading', { level: 3, name: 'Android' })).toBeVisible()
    await page.getByRole('link', { name: 'Next: add your token' }).click()

    const deepLink = page.getByRole('link', { name: 'Add to authenticator app' })
    await expect(deepLink).toBeVisible()
    const href = await deepLink.getAttribute('href')
    const secret = await readEnrollmentString(page)
    expect(href).toMatch(new RegExp(`^otpauth://totp/Token%20Portal:${user.username}\\?secret=${secret}&issuer=Token%20Portal&algorithm=SHA1&digits=6&period=30$`))
    // On a phone the QR code waits behind a disclosure, for a second device.
    await expect(page.getByRole('img', { name: /QR code/ })).toBeHidden()

    await page.getByLabel('Code from your app').fill(currentCode(secret))
    await page.getByRole('button', { name: 'Check the code' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Your token works. Now choose a PIN' })).toBeVisible()
    await expect(page.getByLabel('Token name')).toHaveValue(new RegExp(`^${user.username}-TP[0-9A-Z]+$`))
    await finishAndCheckDone(page, user, 'My iPhone')
  })
})

test.describe('on an Android phone', () => {
  test.use(asDevice('Galaxy S9+'))
  test('[ENROLL] Google Play comes first and the deep link adds the token', async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== 'desktop', 'sets its own device')
    const { user, link } = await invitedUser()
    await page.goto(link)
    await page.getByRole('button', { name: 'Start' }).click()
    await expect(page.getByRole('heading', { level: 2, name: 'For your Android phone' })).toBeVisible()
    await expect(firstStoreLink(page)).toHaveAttribute('href', /^https:\/\/play\.google\.com\//)
    await page.getByRole('link', { name: 'Next: add your token' }).click()
    await expect(page.getByRole('link', { name: 'Add to authenticator app' })).toHaveAttribute('href', /^otpauth:\/\/totp\//)
    const secret = await readEnrollmentString(page)
    await page.getByLabel('Code from your app').fill(`${currentCode(secret).slice(0, 3)} ${currentCode(secret).slice(3)}`)
    await page.getByRole('button', { name: 'Check the code' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Your token works. Now choose a PIN' })).toBeVisible()
    await finishAndCheckDone(page, user, 'Work Android')
  })
})

test.describe('on a desktop computer', () => {
  test.use(asDevice('Desktop Chrome'))
  test('[ENROLL] desktop options come first and a QR code is shown to scan with a phone', async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== 'desktop', 'sets its own device')
    const { user, link } = await invitedUser()
    await page.goto(link)
    await page.getByRole('button', { name: 'Start' }).click()
    await expect(page.getByRole('heading', { level: 2, name: 'For this Windows computer' })).toBeVisible()
    await page.getByRole('link', { name: 'Next: add your token' }).click()
    await expect(page.getByRole('img', { name: 'QR code of your token, for your authenticator app to scan' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Add to authenticator app' })).toHaveCount(0)
    // The copy button puts the enrollment string on the clipboard and says so.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    const secret = await readEnrollmentString(page)
    await page.getByRole('button', { name: 'Copy the enrollment string' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Copied to the clipboard.' })).toBeVisible()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret)
    await expect(page.getByText('Period', { exact: true })).toBeVisible()

    await page.getByLabel('Code from your app').fill(currentCode(secret))
    await page.getByRole('button', { name: 'Check the code' }).click()
    await finishAndCheckDone(page, user, 'Laptop')
  })
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })
  test('[ENROLL] every step works with plain forms, wrong input included', async ({ page }) => {
    const { user, link } = await invitedUser()
    await page.goto(link)
    await page.getByRole('button', { name: 'Start' }).click()
    await page.getByRole('link', { name: 'I already have an authenticator app' }).click()
    const secret = await readEnrollmentString(page)
    await expect(page.getByRole('button', { name: 'Copy the enrollment string' })).toHaveCount(0)
    await submitCode(page, wrongCode(secret))
    await expect(page.locator('#code-error')).toContainText('That code did not match.')
    await expect(page.locator('#code-error')).toContainText('You have 4 tries left.')
    await page.getByLabel('Code from your app').fill(currentCode(secret))
    await page.getByRole('button', { name: 'Check the code' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Your token works. Now choose a PIN' })).toBeVisible()
    await choosePin(page, { pin: '4827', confirm: '4828' })
    await expect(page.getByText('The two PINs do not match.')).toBeVisible()
    await finishAndCheckDone(page, user, 'No-script phone')
  })
})

test('[ENROLL] a refresh or a second visit shows the same token, never a new secret', async ({ page }) => {
  const { link } = await invitedUser()
  await page.goto(link)
  await page.getByRole('button', { name: 'Start' }).click()
  await page.getByRole('link', { name: 'Next: add your token' }).click()
  const secret = await readEnrollmentString(page)
  await page.reload()
  expect(await readEnrollmentString(page)).toBe(secret)
  // The email link again (another tab, later): straight back to the same step and secret.
  await page.goto(link)
  await expect(page.getByRole('heading', { level: 1, name: 'Add your token to the app' })).toBeVisible()
  expect(await readEnrollmentString(page)).toBe(secret)
  // Every step fits a 320 px wide phone without sideways scrolling.
  await page.setViewportSize({ width: 320, height: 640 })
  for (const path of ['/app', '/add']) {
    await page.goto(`${link}${path}`)
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320)
  }
  // The secret is sent with no-store: no cache may keep it.
  const response = await page.request.get(page.url())
  expect(response.headers()['cache-control']).toContain('no-store')
})

test('[ENROLL] the token never shows its secret again once the code was checked', async ({ page }) => {
  const { link } = await invitedUser()
  const secret = await startAndVerify(page, link)
  await page.goto(`${link}/add`)
  await expect(page.getByRole('heading', { level: 1, name: 'Your token works. Now choose a PIN' })).toBeVisible()
  expect(await page.content()).not.toContain(secret.slice(0, 8))
})
