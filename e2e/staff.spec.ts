import { randomBytes } from 'node:crypto'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { currentCode } from './helpers/enrollment'
import { waitForMail } from './helpers/mailbox'
import { personWithHotp, signIn } from './helpers/portal'
import { portal } from './helpers/portal-cli'
import { queryServerDb, queryServerDbAll, updateServerDb } from './helpers/server-db'
import { addAuthenticator, STAFF_PASSWORD, staffSignIn } from './helpers/staff'

// Staff accounts and staff sign-in: set-up from a link (the first
// administrator's printed one, or the email `portal staff add` sends),
// password + authenticator code, roles, and sessions kept apart from users'.

const PASSWORD = STAFF_PASSWORD
const id = () => randomBytes(4).toString('hex')

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible()
  await expect(page.getByRole('status')).toHaveText('You are signed out.')
}

test.describe('first administrator', () => {
  // One administrator per server: the first-admin URL exists only until one is set up.
  test.skip(({ isMobile }) => isMobile, 'the first administrator is set up once per server')

  test('[STAFF] the first administrator sets up from the printed URL, signs in with password + code, and a replayed code is refused', async ({ page }) => {
    test.slow() // two set-up steps, four sign-ins and argon2 on each password
    // What `npm start` prints on the console while no administrator exists (the CLI prints the same).
    const printed = portal(['staff', 'setup-url'])
    expect(printed.code, printed.stderr).toBe(0)
    expect(printed.stdout).toContain('No administrator exists yet. Set up the first one, within an hour, at:')
    const url = /http:\/\/\S+\/staff\/setup\/[A-Za-z0-9_-]{43}/.exec(printed.stdout)![0]
    const username = `admin-${id()}`

    await page.goto(url)
    await expect(page.getByRole('heading', { level: 1, name: 'Set up the first administrator' })).toBeVisible()
    await page.getByLabel('Username').fill(username)
    await page.getByLabel('Email').fill(`${username}@example.com`)
    await page.getByLabel('Name (optional)').fill('Ada Admin')
    await page.getByLabel('Password', { exact: true }).fill('Password1234')
    await page.getByLabel('Password again').fill('Password1234')
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect(page.getByText('This password is on a list of commonly used passwords, which attackers try first. Choose another.')).toBeVisible()
    await expect(page.getByLabel('Username')).toHaveValue(username)
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByLabel('Password again').fill(PASSWORD)
    await page.getByRole('button', { name: 'Continue' }).click()
    const secret = await addAuthenticator(page)
    await expect(page.getByText(`Signed in as Ada Admin (${username}), administrator.`)).toBeVisible()

    // An admin-only page, reached by an admin.
    await page.getByRole('link', { name: 'Staff accounts' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Staff accounts' })).toBeVisible()
    await expect(page.getByRole('row', { name: new RegExp(`^${username} `) })).toContainText('admin')
    await page.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'Home' }).click()
    await signOut(page)

    // The setup code is used up; the app's next code signs in, once.
    const next = currentCode(secret, 30)
    await staffSignIn(page, { username, code: next })
    await expect(page.getByRole('heading', { level: 1, name: 'Staff console' })).toBeVisible()
    await signOut(page)
    await staffSignIn(page, { username, code: next })
    await expect(page.getByRole('alert').filter({ hasText: 'That code was' })).toHaveText('That code was used already. Wait for your app to show the next one, then sign in with it.')
    await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible()

    // The URL worked once, and no new one is printed now that an administrator exists.
    await page.goto(url)
    await expect(page.getByRole('heading', { level: 1, name: 'This set-up link has already been used' })).toBeVisible()
    expect(portal(['staff', 'setup-url']).stderr).toBe('portal: an administrator exists already; administrators add staff with: portal staff add\n')
    const actions = queryServerDbAll<{ action: string }>(`SELECT "action" FROM "AuditEvent" WHERE "subjectType" = 'staff' AND "subjectLabel" = ?`, username).map((r) => r.action)
    expect(actions).toEqual(expect.arrayContaining(['staff.created', 'staff.password-chosen', 'staff.activated', 'staff.signed-in', 'staff.sign-in-accepted', 'staff.sign-in-rejected', 'staff.signed-out']))
  })
})

test('[STAFF] a helpdesk member sets up from the email, is refused an admin page, and the session ends when idle', async ({ page }) => {
  test.slow() // set-up steps, sign-ins and argon2 on each password
  const username = `help-${id()}`
  const added = portal(['staff', 'add', '--username', username, '--email', `${username}@example.com`, '--role', 'helpdesk'])
  expect(added.code, added.stderr).toBe(0)
  const mail = await waitForMail(`${username}@example.com`, { subject: /^Set up your .* helpdesk account$/ })
  const link = /https?:\/\/\S+\/staff\/setup\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0]

  await page.goto(link)
  await expect(page.getByRole('heading', { level: 1, name: 'Set up your staff account' })).toBeVisible()
  await expect(page.getByText(`Your username is ${username}.`)).toBeVisible()
  await page.getByLabel('Password', { exact: true }).fill('too short')
  await page.getByLabel('Password again').fill('too short')
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByText(/^Use at least 12 characters \(this one has 9\)/)).toBeVisible()
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await page.getByLabel('Password again').fill(PASSWORD)
  await page.getByRole('button', { name: 'Continue' }).click()
  const secret = await addAuthenticator(page)
  await expect(page.getByText(`Signed in as ${username} (${username}), helpdesk.`)).toBeVisible()
  await expect(page.getByRole('link', { name: 'Staff accounts' })).toHaveCount(0)

  // helpdesk ⊂ admin: an admin page refuses a helpdesk member, on the server.
  await page.goto('/staff/accounts')
  await expect(page.getByRole('heading', { level: 1, name: 'Staff console' })).toBeVisible()
  await expect(page.getByRole('alert').filter({ hasText: 'That page is' })).toHaveText('That page is for administrators only.')
  // A staff session is not a user session.
  await page.goto('/tokens')
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to manage your tokens' })).toBeVisible()

  // Idle past Settings.staffSessionIdleMinutes (15): signed out, back to sign-in.
  updateServerDb('UPDATE "StaffSession" SET "lastSeenAt" = ? WHERE "staffUserId" = (SELECT "id" FROM "StaffUser" WHERE "username" = ?)', '2020-01-01T00:00:00.000+00:00', username)
  await page.goto('/staff')
  await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible()
  expect(
    queryServerDb<{ endedReason: string }>('SELECT "endedReason" FROM "StaffSession" WHERE "staffUserId" = (SELECT "id" FROM "StaffUser" WHERE "username" = ?)', username).endedReason,
  ).toBe('idle')

  // A wrong password: one message that does not say which part was wrong.
  await staffSignIn(page, { username, password: 'not my password at all', code: currentCode(secret, 30) })
  await expect(page.getByRole('alert').filter({ hasText: 'That did not' })).toHaveText('That did not work. Check your username and password, and type the code your authenticator app shows now.')
  await staffSignIn(page, { username, code: currentCode(secret, 30) })
  await expect(page.getByRole('heading', { level: 1, name: 'Staff console' })).toBeVisible()
})

test('[STAFF] an end user’s session never reaches a staff page', async ({ page }) => {
  const person = personWithHotp('4827')
  await signIn(page, { username: person.username, passcode: `4827${person.next()}` })
  for (const path of ['/staff', '/staff/accounts']) {
    await page.goto(path)
    await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible()
    expect(new URL(page.url()).pathname).toBe('/staff/sign-in')
  }
  // Even the user's own token put into the staff cookie: next-auth cannot
  // decrypt it as a staff session (another JWT salt), and it names no staff row.
  const userCookie = (await page.context().cookies()).find((c) => c.name === 'next-auth.session-token')!
  await page.context().addCookies([{ ...userCookie, name: 'portal-staff.session-token' }])
  await page.goto('/staff')
  await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible()
  // Still signed in as the user, who is no staff member.
  await page.goto('/tokens')
  await expect(page.getByRole('heading', { level: 1, name: 'My tokens' })).toBeVisible()
})
