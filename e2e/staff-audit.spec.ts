import fs from 'node:fs'
import { expect, test } from './fixtures'
import { seedAuditEvents } from './helpers/audit'
import { seedToken } from './helpers/gateway'
import { signedInStaff } from './helpers/staff'

// The audit log in the staff console: filters, pages of 50 newest first, and
// the CSV download (itself audited).

test('[HELPDESK] a helpdesk member filters the audit log by staff member, user and action', async ({ page }) => {
  test.slow() // staff set-up from the email, then a walk through the log
  const person = seedToken()
  const { username: staffName } = await signedInStaff(page)

  await page.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'Audit log' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible()
  const table = page.getByRole('table', { name: 'Audit events, newest first' })

  // What this staff member did: setting up the account and signing in.
  await page.getByLabel('Staff member').fill(staffName)
  await page.getByRole('button', { name: 'Filter' }).click()
  await expect(table).toContainText('staff.activated')
  await expect(table).toContainText('staff.signed-in')

  // By user and action: the user's creation, and nothing about anyone else.
  await page.getByLabel('Staff member').fill('')
  await page.getByLabel('User', { exact: true }).fill(person.username.toUpperCase())
  await page.getByLabel('Action starts with').fill('user.')
  await page.getByRole('button', { name: 'Filter' }).click()
  await expect(table.getByRole('row')).toHaveCount(2)
  await expect(table.getByRole('row').nth(1)).toContainText('user.created')
  await expect(table.getByRole('row').nth(1)).toContainText(`user ${person.username}`)
  await expect(page.getByRole('navigation', { name: 'Pages of the audit log' })).toHaveCount(0)

  // A name nobody has says so.
  await page.getByLabel('Staff member').fill('nobody-at-all')
  await page.getByRole('button', { name: 'Filter' }).click()
  await expect(page.getByRole('status')).toHaveText('No staff member is named “nobody-at-all”.')
})

test('[HELPDESK] a helpdesk member pages through a user’s events, 50 at a time, older and newer', async ({ page }) => {
  test.slow() // staff set-up from the email
  const person = seedToken()
  seedAuditEvents(person.username, 60)
  await signedInStaff(page)
  await page.goto('/staff/audit')
  await page.getByLabel('User', { exact: true }).fill(person.username)
  await page.getByRole('button', { name: 'Filter' }).click()

  // The user's events and the token's, 61 in all, newest first.
  const table = page.getByRole('table', { name: 'Audit events, newest first' })
  await expect(table.getByRole('row')).toHaveCount(51)
  await expect(table.getByRole('row').nth(1)).toContainText('user.created')
  await expect(table).toContainText(`token ${person.serial}`)
  const pages = page.getByRole('navigation', { name: 'Pages of the audit log' })
  await expect(pages.getByRole('link', { name: 'Newer' })).toHaveCount(0)
  await pages.getByRole('link', { name: 'Older' }).click()
  await expect(table.getByRole('row')).toHaveCount(1 + 61 - 50)
  await expect(table.getByRole('row').last()).toContainText('{"n":0}')
  await expect(pages.getByRole('link', { name: 'Older' })).toHaveCount(0)
  await pages.getByRole('link', { name: 'Newer' }).click()
  await expect(table.getByRole('row')).toHaveCount(51)
  await expect(pages.getByRole('link', { name: 'Newer' })).toHaveCount(0)
  await expect(page.getByLabel('User', { exact: true })).toHaveValue(person.username)
})

test('[HELPDESK] a helpdesk member narrows the log to days and downloads it as CSV, and the export is audited', async ({ page }) => {
  test.slow() // staff set-up from the email
  // A short log, so that every page here stays quick to scan: paging is the test above.
  const person = seedToken()
  seedAuditEvents(person.username, 3)
  const { username: staffName } = await signedInStaff(page)
  await page.goto(`/staff/audit?user=${person.username}`)
  const table = page.getByRole('table', { name: 'Audit events, newest first' })
  await expect(table.getByRole('row')).toHaveCount(1 + 4)

  await page.getByLabel('From (UTC)').fill('2020-01-01')
  await page.getByLabel('To (UTC)').fill('2020-01-02')
  await page.getByRole('button', { name: 'Filter' }).click()
  await expect(page.getByRole('status')).toHaveText('No events match these filters.')
  await page.getByLabel('From (UTC)').fill(new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10))
  await page.getByLabel('To (UTC)').fill(new Date().toISOString().slice(0, 10))
  await page.getByRole('button', { name: 'Filter' }).click()
  await expect(table.getByRole('row')).toHaveCount(1 + 4)

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()])
  expect(download.suggestedFilename()).toBe(`audit-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}.csv`)
  const csv = fs.readFileSync((await download.path())!, 'utf8').split('\r\n')
  expect(csv[0]).toBe('time,action,actor_type,actor,actor_id,subject_type,subject,subject_id,ip,user_agent,details,id')
  expect(csv).toHaveLength(1 + 4 + 1) // header, rows, and the empty string after the last CRLF
  expect(csv[1]).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z,user\\.created,system,cli,,user,${person.username},${person.userId},`))
  expect(csv[2]).toContain(`,e2e.filler,system,system,,user,${person.username},${person.userId},,,"{""n"":2}",`)
  expect(csv[3]).toContain(`,e2e.filler,system,system,,token,${person.serial},${person.tokenId},,,"{""n"":1}",`)

  await page.goto(`/staff/audit?action=audit.&staff=${staffName}`)
  await expect(table.getByRole('row')).toHaveCount(2)
  await expect(table.getByRole('row').nth(1)).toContainText('audit.exported')
  await expect(table.getByRole('row').nth(1)).toContainText(`"user":"${person.username}"`)
})

test('[HELPDESK] the CSV export refuses a request without a staff session', async ({ request }) => {
  const response = await request.get('/staff/audit/export', { maxRedirects: 0 })
  expect([303, 307]).toContain(response.status())
  expect(new URL(response.headers().location!, 'http://x').pathname).toBe('/staff/sign-in')
})
