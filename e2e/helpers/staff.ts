import { randomBytes } from 'node:crypto'
import { expect, type Page } from '@playwright/test'
import { currentCode, readEnrollmentString } from './enrollment'
import { waitForMail } from './mailbox'
import { portal } from './portal-cli'

// Staff accounts in the browser, as a staff member goes through them: the
// email from `portal staff add`, a password, an authenticator added from the page.

export const STAFF_PASSWORD = 'plum tractor umbrella lantern'

/** The authenticator step, as a person does it: read the string off the page, type the app's code. Returns the secret. */
export async function addStaffAuthenticator(page: Page, { tryWrongCodeFirst = false } = {}): Promise<string> {
  await expect(page.getByRole('heading', { level: 1, name: 'Add your staff account to an authenticator app' })).toBeVisible()
  await expect(page.getByRole('img', { name: /QR code of your staff account/ })).toBeVisible()
  const secret = await readEnrollmentString(page)
  if (tryWrongCodeFirst) {
    await page.getByLabel('Code from your app').fill('000000')
    await page.getByRole('button', { name: 'Check the code and finish' }).click()
    await expect(page.getByText(/That code did not match\..*You have 4 tries left\./)).toBeVisible()
  }
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

export async function staffSignOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible()
  await expect(page.getByRole('status')).toHaveText('You are signed out.')
}

/** `portal staff add` for a new staff member; returns the set-up link from the email. */
export async function addStaffMember({
  role = 'helpdesk',
  prefix = role === 'admin' ? 'adm' : 'help',
  cli = portal,
}: {
  role?: 'helpdesk' | 'admin'
  prefix?: string
  /** Another server's CLI (e2e/helpers/extra-server.ts); the suite's server by default. */
  cli?: typeof portal
} = {}): Promise<{ username: string; link: string }> {
  const username = `${prefix}-${randomBytes(4).toString('hex')}`
  const added = cli(['staff', 'add', '--username', username, '--email', `${username}@example.com`, '--role', role])
  if (added.code !== 0) throw new Error(`portal staff add failed: ${added.stderr}`)
  const mail = await waitForMail(`${username}@example.com`, { subject: new RegExp(`^Set up your .* ${role === 'admin' ? 'administration' : 'helpdesk'} account$`) })
  return { username, link: /https?:\/\/\S+\/staff\/setup\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0] }
}

/** A new helpdesk (or admin) member who has set up from the email and is signed in on `page`. */
export async function signedInStaff(page: Page, options: { role?: 'helpdesk' | 'admin'; cli?: typeof portal } = {}): Promise<{ username: string; secret: string }> {
  const { username, link } = await addStaffMember(options)
  await page.goto(link)
  await page.getByLabel('Password', { exact: true }).fill(STAFF_PASSWORD)
  await page.getByLabel('Password again').fill(STAFF_PASSWORD)
  await page.getByRole('button', { name: 'Continue' }).click()
  return { username, secret: await addStaffAuthenticator(page) }
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
  return addStaffAuthenticator(page)
}
