import { randomBytes } from 'node:crypto'
import type { Request } from '@playwright/test'
import { expect, test } from './fixtures'
import { startExtraServer, type ExtraServer } from './helpers/extra-server'
import { enrollmentLinkIn, mailFor, waitForMail } from './helpers/mailbox'
import { queryDbOf } from './helpers/server-db'
import { signedInStaff } from './helpers/staff'
import { serverEnv } from './server-env'

// Unfinished enrollments (/admin/enrollments) and the automatic reminders.
// The reminder pass runs with a clock the test sets (`portal maintenance
// reminders --now …`), so "two days later" takes no waiting. On a server of
// its own: a pass two days ahead would remind every other spec's invitees.

const DAY = 86_400_000
const id = () => randomBytes(3).toString('hex')
let server: ExtraServer

const addInvited = (prefix: string) => {
  const username = `${prefix}-${id()}`
  const email = `${username}@example.com`
  expect(server.cli(['user', 'add', '--username', username, '--email', email, '--name', `Pat ${username}`]).code).toBe(0)
  expect(server.cli(['invite', username]).code).toBe(0)
  return { username, email, id: queryDbOf<{ id: string }>(server, 'SELECT "id" FROM "User" WHERE "username" = ?', username)[0]!.id }
}
const remindersAt = (ms: number) => JSON.parse(server.cli(['maintenance', 'reminders', '--json', '--now', new Date(ms).toISOString()]).stdout) as { sent: number }
const bulkEvents = () => queryDbOf<{ actorLabel: string; details: string }>(server, `SELECT "actorLabel", "details" FROM "AuditEvent" WHERE "action" = 'enrollment.bulk-reinvite'`)
const withoutCookies = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'cookie'))

test.describe('on a server of its own', () => {
  test.beforeAll(async () => {
    server = await startExtraServer({ SMTP_URL: `smtp://127.0.0.1:${serverEnv().smtpPort}`, MAIL_FROM: 'Token Portal <no-reply@portal.test>' })
  })
  test.afterAll(async () => {
    await server?.stop()
  })

  test('[ADMIN] an invitee is reminded after two days with a fresh link, once; the list shows each step; bulk re-invite after a confirmation; empty selection refused; helpdesk refused', async ({ page, browser }) => {
    // Two staff set-ups, several emails and about fifteen pages, each scanned with axe on a busy machine.
    test.setTimeout(300_000)
    const at = (path: string) => `${server.baseURL}${path}`
    const start = Date.now()
    const late = addInvited('late')
    const waiter = addInvited('waiter')
    await waitForMail(late.email, { subject: /^Set up your sign-in token/ })
    await waitForMail(waiter.email, { subject: /^Set up your sign-in token/ })

    // Not before two days; at two days one reminder each, with a fresh link; never twice.
    expect(remindersAt(start + DAY + 23 * 3600_000)).toMatchObject({ sent: 0 })
    expect(remindersAt(start + 2 * DAY + 5 * 60_000)).toMatchObject({ sent: 2 })
    expect(remindersAt(start + 2 * DAY + 10 * 60_000)).toMatchObject({ sent: 0 })
    const reminder = await waitForMail(late.email, { subject: /^Reminder: set up your sign-in token for Token Portal$/ })
    expect(reminder.text).toContain('This is a new link: the one in the earlier email no longer works.')
    const [invitation] = await mailFor(late.email)
    await page.goto(enrollmentLinkIn(invitation!))
    await expect(page.getByRole('heading', { level: 1, name: 'We do not recognise this enrollment link' })).toBeVisible()
    await page.goto(enrollmentLinkIn(reminder))
    await expect(page.getByRole('heading', { level: 1, name: /let’s set up your token/ })).toBeVisible()
    await waitForMail(waiter.email, { subject: /^Reminder:/ })
    expect((await mailFor(late.email)).filter((m) => m.subject.startsWith('Reminder:'))).toHaveLength(1)

    // The policy on /admin/policies: a bad list is refused with its reason and nothing saved.
    const { username: admin } = await signedInStaff(page, { role: 'admin', cli: server.cli })
    await page.goto(at('/admin/policies'))
    const days = page.getByLabel('Remind unfinished enrollments (days after the invitation, separated by commas)')
    await expect(days).toHaveValue('2, 5')
    await days.fill('0, 3')
    await page.getByRole('button', { name: 'Save policies' }).click()
    await expect(page.getByText('Remind unfinished enrollments: list up to 5 whole numbers of days from 1 to 90').first()).toBeVisible()
    expect(queryDbOf<{ enrollmentReminderDays: string }>(server, 'SELECT "enrollmentReminderDays" FROM "Settings"')[0]!.enrollmentReminderDays).toBe('2,5')

    // The list: who is stuck at which step.
    await page.goto(at('/admin'))
    await page.getByRole('link', { name: 'Unfinished enrollments' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Unfinished enrollments' })).toBeVisible()
    await expect(page.getByText('Reminders go out 2 and 5 days after the invitation')).toBeVisible()
    const table = page.getByRole('table', { name: 'People who have not finished enrolling' })
    await expect(table.getByRole('row').filter({ hasText: late.username })).toContainText('Opened the link')
    await expect(table.getByRole('row').filter({ hasText: waiter.username })).toContainText('Invited (link not opened)')
    await expect(table.getByRole('row').filter({ hasText: waiter.username })).toContainText(/Works\s*until/)

    // Filters: by step, and by age (no one was invited a week ago).
    await page.getByLabel('Stuck at step').selectOption('invited')
    await page.getByRole('button', { name: 'Show' }).click()
    await expect(page).toHaveURL(/step=invited/)
    await expect(table.getByRole('row').filter({ hasText: late.username })).toHaveCount(0)
    await page.getByLabel('Invited', { exact: true }).selectOption('7')
    await page.getByRole('button', { name: 'Show' }).click()
    await expect(page.getByRole('heading', { level: 2, name: 'No one matches these filters.' })).toBeVisible()
    await page.getByLabel('Invited', { exact: true }).selectOption('')
    await page.getByRole('button', { name: 'Show' }).click()

    // Bad input: nothing selected is refused with a clear message; nothing sent.
    const mailsBefore = (await mailFor(waiter.email)).length
    await page.getByRole('button', { name: 'Send a new enrollment email to the selected people' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'Select at least one person' })).toHaveText('Select at least one person, or choose everyone stuck at a step. Nothing was sent.')
    await expect(page.getByRole('button', { name: /^Send \d+ enrollment email/ })).toHaveCount(0)
    await page.getByRole('link', { name: '← Unfinished enrollments' }).click()
    await page.getByLabel('Stuck at step').selectOption('invited')
    await page.getByRole('button', { name: 'Show' }).click()
    await expect(page).toHaveURL(/step=invited/)

    // Bulk re-invite of the selected person, after a confirmation.
    await page.getByRole('checkbox', { name: `Select ${waiter.username}` }).check()
    await page.getByRole('button', { name: 'Send a new enrollment email to the selected people' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Send new enrollment emails?' })).toBeVisible()
    await expect(page.getByRole('list', { name: 'People who will get a new email' })).toHaveText(waiter.username)
    expect(await mailFor(waiter.email)).toHaveLength(mailsBefore)
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/admin/enrollments/reinvite'))
    await page.getByRole('button', { name: 'Send 1 enrollment email' }).click()
    const request: Request = await posted
    await expect(page.getByRole('status')).toHaveText('New enrollment emails sent to 1 person. Their earlier links no longer work.')
    await waitForMail(waiter.email, { subject: /^Set up your sign-in token/, count: 2 })
    expect(bulkEvents().map((e) => [e.actorLabel, JSON.parse(e.details).count])).toEqual([[admin, 1]])

    // Everyone at a step: the confirmation names them all (cancelled here).
    await page.getByLabel('Stuck at step').selectOption('opened')
    await page.getByRole('button', { name: 'Show' }).click()
    await page.getByRole('button', { name: 'Send a new enrollment email to everyone stuck at this step' }).click()
    await expect(page.getByRole('list', { name: 'People who will get a new email' })).toHaveText(late.username)
    await page.getByRole('link', { name: 'Cancel' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Unfinished enrollments' })).toBeVisible()

    // A helpdesk member: refused the pages, and the action replayed with their session sends nothing.
    const queued = () => queryDbOf<{ n: number }>(server, 'SELECT count(*) AS "n" FROM "OutboxMessage" WHERE "to" = ?', waiter.email)[0]!.n
    const queuedSoFar = queued()
    const theirs = await (await browser.newContext()).newPage()
    await signedInStaff(theirs, { role: 'helpdesk', cli: server.cli })
    for (const path of ['/admin/enrollments', `/admin/enrollments/reinvite?scope=selected&user=${waiter.id}`]) {
      await theirs.goto(at(path))
      await expect(theirs.getByRole('alert').filter({ hasText: 'That page is' })).toHaveText('That page is for administrators only.')
    }
    const replay = await theirs.request.fetch(request.url(), { method: 'POST', headers: withoutCookies(await request.allHeaders()), data: request.postDataBuffer() ?? undefined, maxRedirects: 0 })
    expect(replay.status()).toBeLessThan(500)
    expect(queued()).toBe(queuedSoFar)
    expect(bulkEvents()).toHaveLength(1)
    await theirs.context().close()
  })
})
