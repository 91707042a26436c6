import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { currentCode, invitedUser, wrongCode } from './helpers/enrollment'
import { createApiKey, seedToken, validate } from './helpers/gateway'
import { queryServerDb } from './helpers/server-db'
import { signedInStaff } from './helpers/staff'

// The admin dashboard: counts and server-drawn charts, each with its figures
// as a table. The e2e server is shared with other tests running beside this
// one, so the figures are read before and after our own changes and must
// have moved by at least what we did.

const number = (text: string) => Number(text.replace(/[^\d]/g, ''))

/** The figures table under one chart (opened from its disclosure), as rows of cell texts. */
async function figures(page: Page, chart: string | RegExp): Promise<string[][]> {
  const figure = page.getByRole('figure', { name: chart })
  const details = figure.locator('details')
  if ((await details.getAttribute('open')) === null) await figure.getByText('Show the figures as a table').click()
  const table = figure.getByRole('table')
  await expect(table).toBeVisible()
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')))
}

async function readDashboard(page: Page) {
  await page.goto('/admin')
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
  const funnel = Object.fromEntries((await figures(page, 'Enrollment funnel')).map(([step, people]) => [step!, number(people!)]))
  // Newest first: today's UTC day on top.
  const validations = (await figures(page, /^Validations per day/)).map(([day, accepted, rejected, locked]) => ({ day: day!, accepted: number(accepted!), rejected: number(rejected!), locked: number(locked!) }))
  const tokens = Object.fromEntries((await figures(page, 'Tokens by state')).map(([state, n]) => [state!, number(n!)]))
  const lockedNow = number((await page.locator('dt', { hasText: 'Locked tokens now' }).locator('xpath=following-sibling::dd[1]').textContent()) ?? '')
  return { funnel, validations, tokens, lockedNow }
}

test('[ADMIN] the dashboard charts the roll-out and moves with invitations and validations', async ({ page, browser, request }) => {
  test.slow() // a lockout takes ten validations
  await signedInStaff(page, { role: 'admin' })
  await page.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'Dashboard' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
  for (const name of ['Enrollment funnel', 'Validations per day', 'Tokens by state']) await expect(page.getByRole('img', { name: new RegExp(`^${name}`) })).toBeVisible()
  const before = await readDashboard(page)
  expect(before.validations).toHaveLength(30)
  const today = before.validations[0]!
  // The newest row is today's UTC day, the day the page says its figures are from.
  expect(await page.locator('time').getAttribute('datetime')).toMatch(new RegExp(`^${today.day}T`))

  // An invited user raises the funnel's first step; opening the link, the second.
  const { link } = await invitedUser('dash')
  const theirs = await browser.newPage()
  await theirs.goto(link)
  await theirs.close()

  // A gateway: one accepted passcode, then ten wrong ones, which lock the token.
  const { key } = createApiKey('dash')
  const token = seedToken()
  expect((await validate(request, key, { username: token.username, passcode: `4827${currentCode(token.secret)}` })).body).toMatchObject({ result: 'accept' })
  for (let i = 0; i < 10; i++) expect((await validate(request, key, { username: token.username, passcode: `4827${wrongCode(token.secret)}` })).body).toMatchObject({ result: 'reject' })
  expect(queryServerDb<{ locked: string | null }>('SELECT "lockedAt" AS "locked" FROM "Token" WHERE "id" = ?', token.tokenId).locked).not.toBeNull()

  const after = await readDashboard(page)
  expect(after.funnel['Invited']).toBeGreaterThanOrEqual(before.funnel['Invited']! + 1)
  expect(after.funnel['Opened link']).toBeGreaterThanOrEqual(before.funnel['Opened link']! + 1)
  expect(after.tokens['Active']).toBeGreaterThanOrEqual(before.tokens['Active']! + 1)
  expect(after.lockedNow).toBeGreaterThanOrEqual(before.lockedNow + 1)
  // Today's row (and a next day's, should midnight UTC have passed meanwhile).
  const since = after.validations.filter((d) => d.day >= today.day)
  const sum = (k: 'accepted' | 'rejected' | 'locked') => since.reduce((s, d) => s + d[k], 0)
  expect(sum('accepted')).toBeGreaterThanOrEqual(today.accepted + 1)
  expect(sum('rejected')).toBeGreaterThanOrEqual(today.rejected + 10)
  expect(sum('locked')).toBeGreaterThanOrEqual(today.locked + 1)
})

test('[ADMIN] a helpdesk member is refused the dashboard', async ({ page }) => {
  await signedInStaff(page, { role: 'helpdesk' })
  await expect(page.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'Dashboard' })).toHaveCount(0)
  await page.goto('/admin')
  await expect(page.getByRole('alert').filter({ hasText: 'That page is' })).toHaveText('That page is for administrators only.')
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toHaveCount(0)
  await expect(page.getByRole('img', { name: /Enrollment funnel/ })).toHaveCount(0)
})
