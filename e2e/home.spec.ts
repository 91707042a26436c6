import { expect, test } from './fixtures'

test('[HOME] says what the portal is and leads to enrollment, self-service and staff sign-in', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Your sign-in token, in a few minutes' })).toBeVisible()
  await expect(page.getByText(/your PIN followed by the code your authenticator app shows/)).toBeVisible()

  const choices = page.getByRole('navigation', { name: 'What would you like to do?' })
  await choices.getByRole('link', { name: /^Enroll a token/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Enroll a token' })).toBeVisible()
  await expect(page.getByText(/Open the link in that email on your phone or computer/)).toBeVisible()
  await expect(page.getByRole('link', { name: 'Get a new enrollment link' })).toBeVisible()
  await page.goto('/')

  // Managing tokens needs a sign-in first.
  await choices.getByRole('link', { name: /^Manage my tokens/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to manage your tokens' })).toBeVisible()
  await expect(page).toHaveURL(/\/sign-in\?next=%2Ftokens$/)
  await page.goto('/')

  await choices.getByRole('link', { name: /^Staff sign-in/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible()
  await expect(page.getByLabel('Password')).toBeVisible()
  await expect(page.getByLabel('Authenticator code')).toBeVisible()
})

test('[HOME] can be used with the keyboard alone', async ({ page, isMobile }) => {
  test.skip(isMobile, 'a keyboard is a desktop concern; phones are covered by the tap tests')
  await page.goto('/')
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to content' })
  await expect(skip).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#main$/)

  // Tab to the first destination and open it with Enter.
  const enroll = page.getByRole('link', { name: /^Enroll a token/ })
  for (let i = 0; i < 5 && !(await enroll.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab')
  }
  await expect(enroll).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Enroll a token' })).toBeVisible()
})

test('[HOME] an unknown address shows a clear not-found page', async ({ page }) => {
  const response = await page.goto('/no-such-page')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Back to the start page' })).toBeVisible()
  await expect(page).toHaveTitle(/^Page not found · /)
  await expect(page.getByRole('banner')).toHaveCount(1)
})

test('[HOME] fits a 320 px wide screen without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 })
  await page.goto('/')
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow).toBeLessThanOrEqual(0)
})
