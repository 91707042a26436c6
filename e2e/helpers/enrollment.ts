import { generateSync } from 'otplib'
import { expect, type Locator, type Page } from '@playwright/test'
import { enrollmentLinkIn, waitForMail } from './mailbox'
import { addTestUser, portal, type TestUser } from './portal-cli'

/** A fresh user, invited from the CLI; returns the link from the email at the SMTP sink. */
export async function invitedUser(prefix = 'enr'): Promise<{ user: TestUser; link: string }> {
  const user = addTestUser(prefix)
  const invited = portal(['invite', user.username])
  if (invited.code !== 0) throw new Error(`portal invite failed: ${invited.stderr}`)
  return { user, link: enrollmentLinkIn(await waitForMail(user.email, { subject: /^Set up your sign-in token/ })) }
}

/** The enrollment string as a person reads it off the page, without the spaces. */
export async function readEnrollmentString(page: Page): Promise<string> {
  const shown = page.getByText(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/)
  await expect(shown).toBeVisible()
  return (await shown.innerText()).replace(/\s/g, '')
}

/** What an authenticator app would show now (or `offsetSeconds` from now) for this secret: otplib, independent of our own lib/otp. */
export function currentCode(secret: string, offsetSeconds = 0): string {
  return generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds })
}

/** A code that is certainly wrong now. */
export function wrongCode(secret: string): string {
  return String((Number(currentCode(secret)) + 500_001) % 1_000_000).padStart(6, '0')
}

/** From the start page through to the PIN step. */
export async function startAndVerify(page: Page, link: string): Promise<string> {
  await page.goto(link)
  await page.getByRole('button', { name: 'Start' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Get an authenticator app' })).toBeVisible()
  await page.getByRole('link', { name: 'I already have an authenticator app' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Add your token to the app' })).toBeVisible()
  const secret = await readEnrollmentString(page)
  await page.getByLabel('Code from your app').fill(currentCode(secret))
  await page.getByRole('button', { name: 'Check the code' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Your token works. Now choose a PIN' })).toBeVisible()
  return secret
}

/** Fills the PIN step and submits it, waiting for the server's answer (and, with JavaScript, the form's reset). */
export async function choosePin(page: Page, { pin, confirm = pin, name }: { pin: string; confirm?: string; name?: string }) {
  const pinField = page.getByLabel('PIN', { exact: true })
  await pinField.fill(pin)
  await page.getByLabel('PIN again, to confirm').fill(confirm)
  if (name !== undefined) await page.getByLabel('Token name').fill(name)
  await submitAndSettle(page, page.getByRole('button', { name: /^Activate/ }))
}

/**
 * Clicks a form's submit button and waits until the server has answered and
 * the page shows the outcome (the form leaves its busy state, or, without
 * JavaScript, the new page has loaded).
 */
async function submitAndSettle(page: Page, button: Locator) {
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), button.click()])
  await expect(page.locator('form[aria-busy="true"]')).toHaveCount(0)
}

/** Types a code into the check step and submits it, waiting for the server's answer. */
export async function submitCode(page: Page, code: string) {
  await page.getByLabel('Code from your app').fill(code)
  await submitAndSettle(page, page.getByRole('button', { name: 'Check the code' }))
}
