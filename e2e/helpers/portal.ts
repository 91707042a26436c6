import { generateSync } from 'otplib'
import { expect, type Page } from '@playwright/test'
import { seedToken, type SeededToken } from './gateway'

/** What a counter-based app shows for `counter`: otplib, independent of our own lib/otp. */
export function hotpCode(secret: string, counter: number): string {
  return generateSync({ strategy: 'hotp', secret, counter })
}

/** A person with a working counter-based token (PIN 4827), whose app's next code is `next()`. */
export function personWithHotp(pin = '4827'): SeededToken & { email: string; next: () => string } {
  const token = seedToken(pin, 'HOTP')
  let counter = 0
  return { ...token, email: `${token.username}@example.com`, next: () => hotpCode(token.secret, counter++) }
}

/** Signs in through the sign-in page as a person would, and waits for "My tokens". */
export async function signIn(page: Page, { username, passcode }: { username: string; passcode: string }) {
  await page.goto('/sign-in')
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Passcode').fill(passcode)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'My tokens' })).toBeVisible()
}

/** Opens a token's page from "My tokens" by its link. */
export async function openToken(page: Page, name: string) {
  await page.getByRole('link', { name: `Manage ${name}` }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}
