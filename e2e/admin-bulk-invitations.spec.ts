import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page, Request } from '@playwright/test'
import { expect, test } from './fixtures'
import { startExtraServer, type ExtraServer } from './helpers/extra-server'
import { allMail } from './helpers/mailbox'
import { queryDbOf } from './helpers/server-db'
import { signedInStaff } from './helpers/staff'
import { serverEnv } from './server-env'

// Bulk invitations (/admin/users, /admin/invitations): an administrator
// filters the users list, invites chosen users and a whole filtered group of
// 500 as a background job, watches its progress bar reach 100 % (through a
// server restart in the middle) and finds every email once at the SMTP
// sink; cancels another job, after which nothing more is sent; an empty
// selection is refused with a clear message; a helpdesk member is refused.
// On a server of its own: it is restarted mid-job.

const id = () => randomBytes(3).toString('hex')
let server: ExtraServer
const at = (p: string) => `${server.baseURL}${p}`

/** `count` users in `group` through the CLI's CSV import (one process for all). */
function importGroup(prefix: string, count: number, group: string): string[] {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-')), 'people.csv')
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`)
  fs.writeFileSync(file, `username,email,name,groups\n${names.map((n) => `${n},${n}@example.com,${n} Person,${group}`).join('\n')}\n`)
  const imported = server.cli(['user', 'import', file])
  if (imported.code !== 0) throw new Error(`import failed: ${imported.stderr}${imported.stdout}`)
  return names
}
/** Messages at the sink per address of these users (absent: none). */
async function mailCounts(names: string[]): Promise<Map<string, number>> {
  const wanted = new Set(names.map((n) => `${n}@example.com`))
  const counts = new Map<string, number>()
  for (const m of await allMail()) if (wanted.has(m.to.toLowerCase())) counts.set(m.to.toLowerCase(), (counts.get(m.to.toLowerCase()) ?? 0) + 1)
  return counts
}
const jobCount = () => Number(queryDbOf<{ n: number }>(server, 'SELECT COUNT(*) AS "n" FROM "InvitationJob"')[0]!.n)
const outboxBusy = () => Number(queryDbOf<{ n: number }>(server, `SELECT COUNT(*) AS "n" FROM "OutboxMessage" WHERE "status" IN ('QUEUED', 'SENDING')`)[0]!.n)
const figure = async (page: Page, term: string) => Number((await page.locator('dt', { hasText: new RegExp(`^${term}`) }).locator('xpath=following-sibling::dd[1]').innerText()).replace(/,/g, ''))

async function filter(page: Page, { state, group }: { state: string; group: string }) {
  await page.getByRole('combobox', { name: 'State' }).selectOption({ label: state })
  await page.getByRole('textbox', { name: 'Group', exact: true }).fill(group)
  await page.getByRole('button', { name: 'Filter', exact: true }).click()
}

test.describe('on a server of its own', () => {
  test.beforeAll(async () => {
    server = await startExtraServer({ SMTP_URL: `smtp://127.0.0.1:${serverEnv().smtpPort}`, MAIL_FROM: 'Token Portal <no-reply@portal.test>' })
  })
  test.afterAll(async () => {
    await server?.stop()
  })

  test('[ADMIN] filters the users list, refuses an empty selection, invites chosen users; a helpdesk member is refused', async ({ page, browser }) => {
    test.setTimeout(300_000) // two staff set-ups, a dozen pages each scanned with axe
    await signedInStaff(page, { role: 'admin', cli: server.cli })
    const p = `bk${id()}`
    const many = importGroup(`${p}m`, 60, `${p}-big`)
    const few = importGroup(`${p}f`, 3, `${p}-few`)

    // Filters: a group, a state; 50 a page.
    await page.goto(at('/admin/users'))
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible()
    await filter(page, { state: 'Any state', group: `${p}-big` })
    await expect(page.getByRole('heading', { level: 2 })).toHaveText(`60 users match: all users in group ${p}-big`)
    const table = page.getByRole('table', { name: 'Users on this page' })
    await expect(table.getByRole('row')).toHaveCount(51)
    await expect(table.getByRole('row').nth(1)).toContainText(many[0]!)
    await page.getByRole('link', { name: 'Next 50' }).click()
    await expect(table.getByRole('row')).toHaveCount(11)
    await expect(table.getByRole('row').nth(1)).toContainText(many[50]!)
    await expect(page.getByRole('link', { name: 'Next 50' })).toHaveCount(0)
    await filter(page, { state: 'Enrolled (an active token)', group: `${p}-big` })
    await expect(page.getByText('No user matches this filter.')).toBeVisible()
    await filter(page, { state: 'Never invited', group: `${p}-few` })
    await expect(page.getByRole('heading', { level: 2 })).toHaveText(`3 users match: never invited users in group ${p}-few`)

    // An empty selection: a clear message, nothing started.
    const jobsBefore = jobCount()
    await page.getByRole('button', { name: 'Invite the chosen users' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'Choose at least one' })).toHaveText('Choose at least one user to invite (tick their boxes), or invite everyone matching the filter. Nothing was sent.')
    expect(jobCount()).toBe(jobsBefore)
    expect(await mailCounts(few)).toEqual(new Map())

    // Everyone a filter matches: asked once more, with the number; Cancel sends nothing.
    await page.getByRole('link', { name: 'Invite all 3 matching this filter' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Invite never invited users in group ${p}-few?`)
    await expect(page.getByText('3 users match now.', { exact: false })).toBeVisible()
    await page.getByRole('link', { name: 'Cancel' }).click()
    await expect(page.getByRole('heading', { level: 2 })).toHaveText(`3 users match: never invited users in group ${p}-few`)
    // With no one matching, there is nothing to confirm.
    await page.goto(at(`/admin/invitations/new?state=enrolled&group=${p}-big`))
    await expect(page.getByRole('status')).toHaveText(/^No user matches .+ now, so there is no one to invite\.$/)
    await expect(page.getByRole('button', { name: /^Send / })).toHaveCount(0)
    expect(jobCount()).toBe(jobsBefore)
    expect(await mailCounts(few)).toEqual(new Map())
    await page.goto(at(`/admin/users?state=never-invited&group=${p}-few`))

    // Two chosen users.
    await page.getByRole('checkbox', { name: `Choose ${few[0]}` }).check()
    await page.getByRole('checkbox', { name: `Choose ${few[2]}` }).check()
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/admin/users'))
    await page.getByRole('button', { name: 'Invite the chosen users' }).click()
    const startRequest: Request = await posted
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bulk invitation: 2 chosen users')
    const jobUrl = page.url()
    await expect(page.getByText('Progress: 100 % (done)')).toBeVisible({ timeout: 30_000 })
    expect(await mailCounts(few)).toEqual(new Map([[`${few[0]}@example.com`, 1], [`${few[2]}@example.com`, 1]]))
    await page.goto(at(`/admin/users?state=invited&group=${p}-few`))
    await expect(page.getByRole('heading', { level: 2 })).toHaveText(`2 users match: invited users in group ${p}-few`)

    // A helpdesk member: refused the pages, and the start posted directly (the admin's own request replayed) starts nothing.
    const theirs = await (await browser.newContext()).newPage()
    await signedInStaff(theirs, { role: 'helpdesk', cli: server.cli })
    for (const route of ['/admin/users', '/admin/invitations', new URL(jobUrl).pathname, `${new URL(jobUrl).pathname}/cancel`]) {
      await theirs.goto(at(route))
      await expect(theirs.getByRole('alert').filter({ hasText: 'That page is' })).toHaveText('That page is for administrators only.')
    }
    const json = await theirs.request.get(at(`${new URL(jobUrl).pathname}/progress`))
    expect(json.status()).toBe(403)
    const before = jobCount()
    const headers = Object.fromEntries(Object.entries(await startRequest.allHeaders()).filter(([name]) => name.toLowerCase() !== 'cookie'))
    const replay = await theirs.request.fetch(at('/admin/users'), { method: 'POST', headers, data: startRequest.postDataBuffer() ?? undefined, maxRedirects: 0 })
    expect(replay.status()).toBeLessThan(500)
    expect(jobCount()).toBe(before)
    await theirs.context().close()
  })

  test('[ADMIN] 500 users of a group through a server restart: the bar reaches 100 % without reloading and each gets one email', async ({ browser }) => {
    test.setTimeout(300_000) // 500 users, a restart and 500 emails
    // A page of its own, not the fixture's: the fixture scans each page with axe
    // a little after the test left it, loading its stylesheets from this very
    // server, which is down for a moment here. The same pages are scanned in the
    // other tests.
    const page = await (await browser.newContext()).newPage()
    await signedInStaff(page, { role: 'admin', cli: server.cli })
    const p = `rs${id()}`
    const many = importGroup(`${p}m`, 500, `${p}-big`)

    // Everyone pending in the big group, as a job; the page follows it without reloading.
    await page.goto(at(`/admin/users?state=pending&group=${p}-big`))
    await page.getByRole('link', { name: 'Invite all 500 matching this filter' }).click()
    await page.getByRole('button', { name: 'Send 500 invitations' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Invitations started' })).toBeVisible()
    const jobUrl = page.url()
    const progress = page.getByRole('progressbar')
    await expect(progress).toHaveAttribute('max', '500')
    // Part-way through, the server restarts; the job carries on.
    await expect.poll(async () => Number(queryDbOf<{ n: number }>(server, `SELECT COUNT(*) AS "n" FROM "InvitationJobItem" i JOIN "InvitationJob" j ON j."id" = i."jobId" WHERE j."label" LIKE ? AND i."state" = 'QUEUED'`, `%${p}-big`)[0]!.n), { timeout: 60_000 }).toBeGreaterThan(50)
    await server.restart()
    // Still on the same page, no reload: the bar fills up as the figures arrive.
    await expect(page.getByText('Progress: 100 % (done)')).toBeVisible({ timeout: 180_000 })
    expect(page.url()).toBe(jobUrl)
    await expect(progress).toHaveAttribute('value', '500')
    expect(await figure(page, 'Sent')).toBe(500)
    expect(await figure(page, 'Failed')).toBe(0)
    const counts = await mailCounts(many)
    expect(counts.size).toBe(500)
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
    // The list of recent jobs shows it done.
    await page.goto(at('/admin/invitations'))
    const recent = page.getByRole('table', { name: 'Bulk invitations, newest first' })
    await expect(recent.getByRole('row').filter({ hasText: `pending users in group ${p}-big` })).toContainText('done')

    await page.context().close()
  })

  test('[ADMIN] cancelling a job: after the confirmation nothing more is sent', async ({ page }) => {
    test.setTimeout(240_000)
    await signedInStaff(page, { role: 'admin', cli: server.cli })
    const p = `cx${id()}`
    const names = importGroup(p, 1000, `${p}-all`)
    await page.goto(at(`/admin/users?state=pending&group=${p}-all`))
    await page.getByRole('link', { name: 'Invite all 1,000 matching this filter' }).click()
    await page.getByRole('button', { name: 'Send 1,000 invitations' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Invitations started' })).toBeVisible()
    await page.getByRole('link', { name: 'Cancel this job' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Cancel the bulk invitation?' })).toBeVisible()
    await page.getByRole('button', { name: 'Cancel the invitations' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Cancelled: no one' })).toHaveText('Cancelled: no one else is invited, and the emails still waiting were withdrawn.')
    await expect(page.getByRole('link', { name: 'Cancel this job' })).toHaveCount(0)

    // Once the mail worker has finished what it had taken, the sink holds exactly what the page calls sent, and it stays so.
    await expect.poll(outboxBusy, { timeout: 60_000 }).toBe(0)
    await page.getByRole('link', { name: 'Refresh' }).click()
    await expect(page).toHaveURL(/\/admin\/invitations\/[^/?]+$/)
    await expect(page.getByRole('status').filter({ hasText: 'Cancelled: no one' })).toHaveCount(0)
    const sent = await figure(page, 'Sent')
    const figures = { sent, queued: await figure(page, 'Queued'), failed: await figure(page, 'Failed'), remaining: await figure(page, 'Remaining'), cancelled: await figure(page, 'Not sent \\(cancelled\\)') }
    expect(figures).toEqual({ sent, queued: 0, failed: 0, remaining: 0, cancelled: 1000 - sent })
    expect(sent).toBeLessThan(1000)
    await page.waitForTimeout(3000) // the worker's rounds go on: nothing more may be sent
    const counts = await mailCounts(names)
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(sent)
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
  })

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false })

    test('[ADMIN] the filter form, the checkboxes and the Refresh link work as plain HTML', async ({ page, browser }) => {
      test.slow()
      const setup = await browser.newContext()
      await signedInStaff(await setup.newPage(), { role: 'admin', cli: server.cli })
      await page.context().addCookies((await setup.storageState()).cookies)
      await setup.close()
      const p = `nj${id()}`
      const names = importGroup(p, 2, `${p}-g`)
      await page.goto(at('/admin/users'))
      await filter(page, { state: 'Pending (no token, no live link)', group: `${p}-g` })
      await expect(page.getByRole('heading', { level: 2 })).toHaveText(`2 users match: pending users in group ${p}-g`)
      await page.getByRole('checkbox', { name: `Choose ${names[1]}` }).check()
      await page.getByRole('button', { name: 'Invite the chosen users' }).click()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bulk invitation: 1 chosen user')
      await expect(async () => {
        await page.getByRole('link', { name: 'Refresh' }).click()
        await expect(page.getByText('Progress: 100 % (done)')).toBeVisible({ timeout: 1000 })
      }).toPass({ timeout: 30_000 })
      expect(await mailCounts(names)).toEqual(new Map([[`${names[1]}@example.com`, 1]]))
    })
  })
})
