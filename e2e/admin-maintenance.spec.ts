import { randomBytes } from 'node:crypto'
import type { Request } from '@playwright/test'
import { expect, test } from './fixtures'
import { startExtraServer, type ExtraServer } from './helpers/extra-server'
import { mailFor, waitForMail } from './helpers/mailbox'
import { queryDbOf } from './helpers/server-db'
import { runServerScript } from './helpers/server-script'
import { signedInStaff } from './helpers/staff'
import { serverEnv } from './server-env'

// Maintenance (/admin/maintenance): the dormant-token dry run an
// administrator reviews, then "Run now": the owner of a dormant token is
// warned by email, a token whose notice has run is disabled and its owner
// told; the dry run itself changes nothing; a helpdesk member is refused
// the pages and the action. On a server of its own: the policy set here
// would act on every other spec's tokens on the suite's server.

const id = () => randomBytes(3).toString('hex')
let server: ExtraServer

type Seeded = { userId: string; tokenId: string; serial: string; email: string }
/** A user whose only token was last used `unusedDays` ago (warned `warnedDays` ago when given): e2e/helpers/seed-dormant-token.mts. */
const dormantToken = (username: string, unusedDays: number, warnedDays?: number): Seeded =>
  JSON.parse(runServerScript('seed-dormant-token.mts', [username, String(unusedDays), ...(warnedDays === undefined ? [] : [String(warnedDays)])], server.env)) as Seeded
const tokenState = (serial: string) => queryDbOf<{ status: string; dormantWarnedAt: unknown }>(server, 'SELECT "status", "dormantWarnedAt" FROM "Token" WHERE "serial" = ?', serial)[0]!
/** Runs started by staff (the worker's own daily run, at start-up, is in the name of "maintenance"). */
const runs = () => queryDbOf<{ actorLabel: string; details: string }>(server, `SELECT "actorLabel", "details" FROM "AuditEvent" WHERE "action" = 'maintenance.ran' AND "actorType" = 'STAFF' ORDER BY "at"`)
const withoutCookies = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'cookie'))

test.describe('on a server of its own', () => {
  test.beforeAll(async () => {
    server = await startExtraServer({ SMTP_URL: `smtp://127.0.0.1:${serverEnv().smtpPort}`, MAIL_FROM: 'Token Portal <no-reply@portal.test>' })
  })
  test.afterAll(async () => {
    await server?.stop()
  })

  test('[ADMIN] the dry run lists dormant tokens and changes nothing; Run now warns one owner and disables a warned token; a helpdesk member is refused', async ({ page, browser }) => {
    test.slow() // two staff set-ups, a policy change, a run and two emails
    const at = (path: string) => `${server.baseURL}${path}`
    const { username: admin } = await signedInStaff(page, { role: 'admin', cli: server.cli })
    const idle = dormantToken(`idle-${id()}`, 400)
    const warned = dormantToken(`warned-${id()}`, 400, 31)

    // With the policy off, nothing counts as dormant.
    await page.goto(at('/admin/maintenance'))
    await expect(page.getByRole('heading', { level: 1, name: 'Maintenance' })).toBeVisible()
    await expect(page.getByText('Off: tokens never count as dormant')).toBeVisible()
    await expect(page.getByText('The dormant-token policy is off (no period set): nothing to do.')).toBeVisible()
    await expect(page.getByRole('link', { name: 'Run now' })).toHaveCount(0)

    // The policy, beside which the dry run is linked.
    await page.getByRole('link', { name: 'Change the dormant-token policy' }).click()
    await page.getByLabel('A token is dormant after (days unused)').fill('365')
    await expect(page.getByLabel('Warn the owner (days before acting)')).toHaveValue('30')
    await page.getByRole('radio', { name: 'Disable it (the helpdesk can enable it again)' }).check()
    await page.getByRole('button', { name: 'Save policies' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Policies saved' })).toContainText('Changed: A token is dormant after.')
    await page.getByRole('link', { name: 'See which tokens are dormant now and what the next run would do' }).click()

    // The dry run: one owner to warn, one token to disable; nothing changed, nothing sent.
    await expect(page.getByText('Disable tokens unused for 365 days, warning the owner 30 days ahead')).toBeVisible()
    const table = page.getByRole('table', { name: 'Dormant tokens: the next run’s step for each' })
    await expect(table.getByRole('row').filter({ hasText: idle.serial })).toContainText('Warn the owner')
    await expect(table.getByRole('row').filter({ hasText: warned.serial })).toContainText('Disable')
    await expect(table.getByRole('row').filter({ hasText: idle.serial }).getByRole('link')).toHaveText(/^idle-/)
    await page.reload()
    expect(tokenState(idle.serial)).toEqual({ status: 'ACTIVE', dormantWarnedAt: null })
    expect(tokenState(warned.serial).status).toBe('ACTIVE')
    expect(await mailFor(idle.email)).toEqual([])
    expect(await mailFor(warned.email)).toEqual([])
    expect(runs()).toEqual([])

    // Run now, after a confirmation.
    await page.getByRole('link', { name: 'Run now' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Run maintenance now?' })).toBeVisible()
    await expect(page.getByText('this run would warn the owners of 1 token, would disable 1 token, would revoke 0 tokens.')).toBeVisible()
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/admin/maintenance/run'))
    await page.getByRole('button', { name: 'Run maintenance now' }).click()
    const request: Request = await posted
    await expect(page.getByRole('status').filter({ hasText: 'Maintenance ran' })).toHaveText('Maintenance ran: 1 warned, 1 disabled, 0 revoked. Each change is in the audit log.')
    await expect(page.getByText('No token is dormant: the next run has nothing to do.')).toBeVisible()
    expect(tokenState(idle.serial).dormantWarnedAt).not.toBeNull()
    expect(tokenState(warned.serial)).toEqual({ status: 'DISABLED', dormantWarnedAt: null })
    expect(runs().map((r) => [r.actorLabel, JSON.parse(r.details)])).toEqual([[admin, { policy: 'DISABLE after 365 days', warned: 1, disabled: 1, revoked: 0, skipped: 0 }]])

    // The owners' emails, at the SMTP sink.
    const warning = await waitForMail(idle.email, { subject: /^Your sign-in token will be switched off soon$/ })
    expect(warning.text).toContain(`Your token "${idle.email.split('@')[0]}-${idle.serial}" has not been used since`)
    expect(warning.text).toContain('it will be disabled (the helpdesk can enable it again)')
    const disabled = await waitForMail(warned.email, { subject: /^Your unused sign-in token was disabled$/ })
    expect(disabled.text).toContain('You were warned by email beforehand.')
    expect(await mailFor(idle.email)).toHaveLength(1)

    // A helpdesk member: refused both pages, and the action posted directly
    // (the admin's own request replayed with their session) changes nothing.
    const next = dormantToken(`next-${id()}`, 400)
    const theirs = await (await browser.newContext()).newPage()
    await signedInStaff(theirs, { role: 'helpdesk', cli: server.cli })
    for (const path of ['/admin/maintenance', '/admin/maintenance/run']) {
      await theirs.goto(at(path))
      await expect(theirs.getByRole('alert').filter({ hasText: 'That page is' })).toHaveText('That page is for administrators only.')
    }
    const replay = await theirs.request.fetch(at('/admin/maintenance/run'), { method: 'POST', headers: withoutCookies(await request.allHeaders()), data: request.postDataBuffer() ?? undefined, maxRedirects: 0 })
    expect(replay.status()).toBeLessThan(500)
    expect(tokenState(next.serial)).toEqual({ status: 'ACTIVE', dormantWarnedAt: null })
    expect(runs()).toHaveLength(1)
    expect(await mailFor(next.email)).toEqual([])
    await theirs.context().close()
  })

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false })

    test('[ADMIN] Run now works as a plain link and form', async ({ page, browser }) => {
      test.slow() // a staff set-up and argon2
      // Set up with JavaScript in a context of its own, then carry the session over.
      const setup = await browser.newContext()
      await signedInStaff(await setup.newPage(), { role: 'admin', cli: server.cli })
      await page.context().addCookies((await setup.storageState()).cookies)
      await setup.close()
      const owner = dormantToken(`plain-${id()}`, 400)
      // The policy, as a plain form (the other test may have set it already on this server).
      await page.goto(`${server.baseURL}/admin/policies`)
      await page.getByLabel('A token is dormant after (days unused)').fill('365')
      await page.getByRole('button', { name: 'Save policies' }).click()
      await expect(page.getByRole('status').filter({ hasText: /Policies saved|Nothing to save/ })).toBeVisible()

      await page.goto(`${server.baseURL}/admin/maintenance`)
      await expect(page.getByRole('table', { name: 'Dormant tokens: the next run’s step for each' }).getByRole('row').filter({ hasText: owner.serial })).toContainText('Warn the owner')
      await page.getByRole('link', { name: 'Run now' }).click()
      await page.getByRole('button', { name: 'Run maintenance now' }).click()
      await expect(page.getByRole('status').filter({ hasText: 'Maintenance ran' })).toContainText('warned')
      expect(tokenState(owner.serial).dormantWarnedAt).not.toBeNull()
      await waitForMail(owner.email, { subject: /^Your sign-in token will be switched off soon$/ })
    })
  })
})
