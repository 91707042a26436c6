import type { Page } from '@playwright/test'
import { expect } from '../fixtures'
import { currentCode, readEnrollmentString } from './enrollment'
import { waitForMail } from './mailbox'
import { portal } from './portal-cli'

// Staff set-up and sign-in as a person does them, for every spec that needs
// a signed-in helpdesk member or administrator.

export const STAFF_PASSWORD = 'plum tractor umbrella lantern'

/** The authenticator step, as a person does it: read the string off the page, type the app's code. Returns the secret. */
export async function addAuthenticator(page: Page): Promise<string> {
  await expect(page.getByRole('heading', { level: 1, name: 'Add your staff account to an authenticator app' })).toBeVisible()
  await expect(page.getByRole('img', { name: /QR code of your staff account/ })).toBeVisible()
  const secret = await readEnrollmentString(page)
  await page.getByLabel('Code from your app').fill('000000')
  await page.getByRole('button', { name: 'Check the code and finish' }).click()
  await expect(page.getByText(/That code did not match\..*You have 4 tries left\./)).toBeVisible()
  await page.getByLabel('Code from your app').fill(currentCode(secret))
  await page.getByRole('button', { name: 'Check the code and finish' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Staff console' })).toBeVisible()
  await expect(page.getByRole('status')).toHaveText('Your staff account is set up and you are signed in.')
  return secret
}

export async function staffSignIn(page: Page, { username, password = STAFF_PASSWORD, code }: { username: string; password?: string; code: string }) {
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password').fill(password)
  await page.getByLabel('Authenticator code').fill(code)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** The first administrator, from the URL `portal staff setup-url` printed: signed in at the end. Returns the authenticator secret. */
export async function setUpFirstAdmin(page: Page, { url, username }: { url: string; username: string }): Promise<string> {
  await page.goto(url)
  await expect(page.getByRole('heading', { level: 1, name: 'Set up the first administrator' })).toBeVisible()
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Email').fill(`${username}@example.com`)
  await page.getByLabel('Password', { exact: true }).fill(STAFF_PASSWORD)
  await page.getByLabel('Password again').fill(STAFF_PASSWORD)
  await page.getByRole('button', { name: 'Continue' }).click()
  return addAuthenticator(page)
}

/** A helpdesk member or administrator added with `portal staff add` on the suite's server, set up from the email: signed in at the end. */
export async function setUpInvitedStaff(page: Page, { username, role }: { username: string; role: 'helpdesk' | 'admin' }): Promise<string> {
  const added = portal(['staff', 'add', '--username', username, '--email', `${username}@example.com`, '--role', role])
  expect(added.code, added.stderr).toBe(0)
  const mail = await waitForMail(`${username}@example.com`, { subject: new RegExp(`^Set up your .* ${role === 'admin' ? 'administration' : 'helpdesk'} account$`) })
  await page.goto(/https?:\/\/\S+\/staff\/setup\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0])
  await expect(page.getByRole('heading', { level: 1, name: 'Set up your staff account' })).toBeVisible()
  await page.getByLabel('Password', { exact: true }).fill(STAFF_PASSWORD)
  await page.getByLabel('Password again').fill(STAFF_PASSWORD)
  await page.getByRole('button', { name: 'Continue' }).click()
  return addAuthenticator(page)
}
