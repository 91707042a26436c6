import { expect, test } from './fixtures'
import { waitForMail } from './helpers/mailbox'
import { queryServerDb, queryServerDbAll } from './helpers/server-db'
import { addStaffAuthenticator, signedInStaff, STAFF_PASSWORD } from './helpers/staff'

// Administrators manage staff from the browser: invite, change a role,
// disable; a helpdesk member is refused; bad input changes nothing.

test('[ADMIN] an administrator invites a helpdesk member, promotes and disables them from the browser', async ({ page, browser }) => {
  test.slow() // two staff set-ups, argon2 on each password
  await signedInStaff(page, { role: 'admin' })
  await page.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'Staff accounts' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Staff accounts' })).toBeVisible()

  // Bad input: a clear message, nothing created.
  const username = `inv-${Date.now().toString(36)}`
  await page.getByLabel('Username', { exact: true }).fill(username)
  await page.getByLabel('Email', { exact: true }).fill('not an email')
  await page.getByRole('button', { name: 'Send the invitation' }).click()
  await expect(page.getByRole('alert').filter({ hasText: /email/i })).toBeVisible()
  expect(queryServerDb<{ n: number }>('SELECT COUNT(*) AS "n" FROM "StaffUser" WHERE "username" = ?', username).n).toBe(0)

  await page.getByLabel('Email', { exact: true }).fill(`${username}@example.com`)
  await page.getByRole('button', { name: 'Send the invitation' }).click()
  await expect(page.getByRole('status')).toHaveText(`${username} was invited. Their set-up link is on its way by email and works once, for 24 hours.`)
  await expect(page.getByRole('row', { name: new RegExp(`^${username} `) })).toContainText('Invited, set-up not finished')

  // The new member sets up in a browser of their own, and is refused the admin pages.
  const mail = await waitForMail(`${username}@example.com`, { subject: /^Set up your .* helpdesk account$/ })
  const theirs = await browser.newPage()
  await theirs.goto(/https?:\/\/\S+\/staff\/setup\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0])
  await theirs.getByLabel('Password', { exact: true }).fill(STAFF_PASSWORD)
  await theirs.getByLabel('Password again').fill(STAFF_PASSWORD)
  await theirs.getByRole('button', { name: 'Continue' }).click()
  await addStaffAuthenticator(theirs)
  await theirs.goto('/admin/staff')
  await expect(theirs.getByRole('alert').filter({ hasText: 'That page is' })).toHaveText('That page is for administrators only.')

  // Promote them: from their next page on, they are an administrator.
  await page.reload()
  await page.getByRole('link', { name: username, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: username })).toBeVisible()
  await page.getByLabel('Administrator').check()
  await page.getByRole('button', { name: 'Save the role' }).click()
  await expect(page.getByRole('status')).toHaveText('The role was changed. It applies from their next page.')
  await theirs.goto('/admin/staff')
  await expect(theirs.getByRole('heading', { level: 1, name: 'Staff accounts' })).toBeVisible()

  // Disable them: signed out at once.
  await page.getByRole('button', { name: `Disable ${username}` }).click()
  await expect(page.getByRole('status')).toHaveText('The account was disabled and signed out everywhere.')
  await theirs.reload()
  await expect(theirs.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible()
  const actions = queryServerDbAll<{ action: string }>(`SELECT "action" FROM "AuditEvent" WHERE "subjectType" = 'staff' AND "subjectLabel" = ?`, username).map((r) => r.action)
  expect(actions).toEqual(expect.arrayContaining(['staff.created', 'staff.activated', 'staff.role-changed', 'staff.disabled']))
  await theirs.close()
})
