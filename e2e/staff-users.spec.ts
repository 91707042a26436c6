import { expect, test } from './fixtures'
import { seedToken } from './helpers/gateway'
import { personWithHotp, signIn } from './helpers/portal'
import { addTestUser, seedUsers } from './helpers/portal-cli'
import { updateServerDb } from './helpers/server-db'
import { signedInStaff } from './helpers/staff'

// The helpdesk's "find a user": one search box over usernames, emails, names
// and token serials (read aloud over the phone), pages of 20.

test('[HELPDESK] a helpdesk member finds users by username, spoken serial, email and name, and sees when nobody matches', async ({ page }) => {
  test.slow() // staff set-up from the email, then several searches
  const withToken = seedToken()
  const person = addTestUser('find')
  await signedInStaff(page)
  const searchBox = page.getByRole('searchbox', { name: 'Find a user' })

  // From the console home, by the start of a username.
  await searchBox.fill(withToken.username.slice(0, 9).toUpperCase())
  await page.getByRole('button', { name: 'Search' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Find a user' })).toBeVisible()
  const results = page.getByRole('table', { name: /starts with/ })
  const row = results.getByRole('row', { name: new RegExp(withToken.username) })
  await expect(row).toContainText(`${withToken.username}@example.com`)
  await expect(row).toContainText(withToken.serial)
  await expect(row.getByText('Active', { exact: true }).first()).toBeVisible()
  await expect(row.getByRole('link', { name: withToken.username })).toHaveAttribute('href', `/staff/users/${withToken.userId}`)

  // The serial as a caller reads it: lower case, in groups; the token locked until staff unlock it.
  updateServerDb('UPDATE "Token" SET "lockedAt" = ?, "lockedUntil" = NULL WHERE "id" = ?', new Date().toISOString().replace('Z', '+00:00'), withToken.tokenId)
  const spoken = withToken.serial.toLowerCase().replace(/^(..)(..)(..)/, '$1 $2 $3 ')
  await searchBox.fill(spoken)
  await page.getByRole('button', { name: 'Search' }).click()
  const bySerial = results.getByRole('row', { name: new RegExp(withToken.username) })
  await expect(bySerial).toContainText('Matched by token serial')
  await expect(bySerial).toContainText(`${withToken.serial} Locked until staff unlock it`)
  expect(new URL(page.url()).searchParams.get('q')).toBe(spoken)

  // By email and by name: the same person.
  await searchBox.fill(person.email.slice(0, person.username.length + 4).toUpperCase())
  await page.getByRole('button', { name: 'Search' }).click()
  const byEmail = results.getByRole('row', { name: new RegExp(person.username) })
  await expect(byEmail).toContainText('Matched by email')
  await expect(byEmail).toContainText(person.name)
  await searchBox.fill(person.name.toLowerCase())
  await page.getByRole('button', { name: 'Search' }).click()
  const byName = results.getByRole('row', { name: new RegExp(person.username) })
  await expect(byName).toContainText('Matched by name')
  await expect(byName).toContainText('No tokens')

  // Nobody, and too little to go on.
  await searchBox.fill('zz-nobody-here')
  await page.getByRole('button', { name: 'Search' }).click()
  await expect(page.getByRole('status')).toContainText('No user starts with “zz-nobody-here”.')
  await page.goto('/staff/users?q=z')
  await expect(page.getByRole('status')).toHaveText('Type at least 2 characters to search.')
  await expect(searchBox).toHaveValue('z')
})

test('[HELPDESK] search results come 20 a page, with next and previous pages', async ({ page }) => {
  test.slow()
  const prefix = `pg${Math.random().toString(36).slice(2, 6)}`
  const sorted = seedUsers(prefix, 23).sort()
  await signedInStaff(page)
  await page.goto(`/staff/users?q=${prefix}`)
  const rows = page.getByRole('table', { name: /starts with/ }).getByRole('row')
  await expect(rows).toHaveCount(21) // the header and 20 people
  const pages = page.getByRole('navigation', { name: 'Pages of results' })
  await expect(pages.getByRole('link', { name: 'Previous page' })).toHaveCount(0)
  await pages.getByRole('link', { name: 'Next page' }).click()
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(`Results for “${prefix}”, page 2`)
  await expect(rows).toHaveCount(4)
  await expect(rows.nth(3)).toContainText(sorted[22]!)
  await expect(pages.getByRole('link', { name: 'Next page' })).toHaveCount(0)
  await pages.getByRole('link', { name: 'Previous page' }).click()
  await expect(rows.nth(1)).toContainText(sorted[0]!)
})

test('[HELPDESK] an end user’s session never reaches the search, the audit log or its export', async ({ page }) => {
  const user = personWithHotp('4827')
  await signIn(page, { username: user.username, passcode: `4827${user.next()}` })
  for (const path of ['/staff/users?q=ab', '/staff/audit', '/staff/audit/export']) {
    await page.goto(path)
    await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible()
    expect(new URL(page.url()).pathname).toBe('/staff/sign-in')
  }
})
