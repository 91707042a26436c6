import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import type { Page, Request } from '@playwright/test'
import { expect, test } from './fixtures'
import { currentCode } from './helpers/enrollment'
import { startExtraServer, type ExtraServer } from './helpers/extra-server'
import { waitForMail } from './helpers/mailbox'
import { queryDbOf } from './helpers/server-db'
import { addStaffAuthenticator, setUpFirstAdmin, STAFF_PASSWORD } from './helpers/staff'
import { serverEnv } from './server-env'

// Policies (/admin/policies): an administrator changes them and the portal
// follows; every change is audited with old and new value; a bad value is
// refused with its field's message and nothing is saved; a helpdesk member
// is refused the page and the action. On a server of its own: the policies
// changed here would change what every other spec sees on the suite's server.

const id = () => randomBytes(3).toString('hex')
let server: ExtraServer

type Policies = { pinMinLength: number; lockoutThreshold: number; sessionIdleMinutes: number; selfRequestEnabled: number | boolean; tokenTypesByPlatform: string | null }
const policiesIn = (s: ExtraServer) =>
  queryDbOf<Policies>(s, 'SELECT "pinMinLength", "lockoutThreshold", "sessionIdleMinutes", "selfRequestEnabled", "tokenTypesByPlatform" FROM "Settings" WHERE "id" = 1')[0]!
/** The policy changes this staff member made (the other test may share the server). */
const policyEvents = (s: ExtraServer, by: string) => queryDbOf<{ details: string }>(s, `SELECT "details" FROM "AuditEvent" WHERE "action" = 'settings.changed' AND "actorLabel" = ?`, by)

/** A request's headers without the sender's cookies: replayed with another session's. */
const withoutCookies = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'cookie'))

/** An active TOTP token with a known PIN on this server (e2e/helpers/seed-token.mts). */
function seedTokenOn(s: ExtraServer, username: string, pin: string): { serial: string; secret: string } {
  const run = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'e2e/helpers/seed-token.mts', username, pin], { env: { ...process.env, ...s.env }, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`seed-token failed: ${run.stderr}`)
  return JSON.parse(run.stdout) as { serial: string; secret: string }
}

/** A staff member of this server, set up from the emailed link and signed in on `page`. */
async function staffOn(s: ExtraServer, page: Page, role: 'helpdesk' | 'admin' = 'helpdesk'): Promise<string> {
  const username = `${role === 'admin' ? 'adm' : 'help'}-${id()}`
  expect(s.cli(['staff', 'add', '--username', username, '--email', `${username}@example.com`, '--role', role]).code).toBe(0)
  const mail = await waitForMail(`${username}@example.com`, { subject: role === 'admin' ? /administration account$/ : /helpdesk account$/ })
  await page.goto(/https?:\/\/\S+\/staff\/setup\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0])
  await page.getByLabel('Password', { exact: true }).fill(STAFF_PASSWORD)
  await page.getByLabel('Password again').fill(STAFF_PASSWORD)
  await page.getByRole('button', { name: 'Continue' }).click()
  await addStaffAuthenticator(page)
  return username
}

test.describe('on a server of its own', () => {
  // Started before and stopped after the test's fixtures: the axe scans finish
  // after the test's steps and still load the server's stylesheets. Mail goes
  // to the suite's SMTP sink.
  test.beforeAll(async () => {
    server = await startExtraServer({ SMTP_URL: `smtp://127.0.0.1:${serverEnv().smtpPort}`, MAIL_FROM: 'Token Portal <no-reply@portal.test>' })
  })
  test.afterAll(async () => {
    await server?.stop()
  })

  test('[ADMIN] an admin changes policies and the portal follows; bad values change nothing; a helpdesk member is refused page and action', async ({ page, browser }) => {
    test.slow() // two staff set-ups, argon2, a seeded token
    const at = (path: string) => `${server.baseURL}${path}`
    const setupUrl = /http:\/\/\S+\/staff\/setup\/[A-Za-z0-9_-]{43}/.exec(server.cli(['staff', 'setup-url']).stdout)![0]
    const admin = `admin-${id()}`
    await setUpFirstAdmin(page, { url: setupUrl, username: admin })
    await page.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'Policies' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Policies' })).toBeVisible()

    // Each value with its default and explanation, grouped.
    const shortest = page.getByLabel('Shortest PIN (characters)')
    await expect(shortest).toHaveValue('4')
    await expect(page.getByText('A PIN must have at least this many characters. Default: 4 characters.')).toBeVisible()
    await expect(page.getByRole('group', { name: 'Validation API' })).toBeVisible()
    await expect(page.getByRole('group', { name: 'Windows' }).getByLabel('Counter-based (HOTP)')).not.toBeChecked()

    // Out of range and not a number: each field's message, nothing saved.
    const before = policiesIn(server)
    await shortest.fill('2')
    await page.getByLabel('Lock a token after (failed attempts)').fill('ten')
    await page.getByLabel('Portal idle timeout (minutes)').fill('100000')
    await page.getByLabel('People may ask for an enrollment link').uncheck()
    await page.getByRole('button', { name: 'Save policies' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'Please fix' })).toHaveText('Please fix the problems below.')
    await expect(page.getByText('Shortest PIN: enter a whole number from 4 to 32.')).toBeVisible()
    await expect(page.getByText('Lock a token after: enter a whole number from 1 to 100.')).toBeVisible()
    await expect(page.getByText('Portal idle timeout: enter a whole number from 5 to 480.')).toBeVisible()
    await expect(page.getByLabel('Lock a token after (failed attempts)')).toHaveValue('ten')
    await expect(page.getByLabel('People may ask for an enrollment link')).not.toBeChecked()
    expect(policiesIn(server)).toEqual(before)
    expect(policyEvents(server, admin)).toEqual([])

    // Valid values: saved, and the page names what changed.
    await shortest.fill('6')
    await page.getByLabel('Lock a token after (failed attempts)').fill('10')
    await page.getByLabel('Portal idle timeout (minutes)').fill('30')
    await page.getByRole('group', { name: 'Windows' }).getByLabel('Counter-based (HOTP)').check()
    const saved = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/admin/policies'))
    await page.getByRole('button', { name: 'Save policies' }).click()
    const posted: Request = await saved
    await expect(page.getByRole('status')).toHaveText(
      'Policies saved. Changed: Shortest PIN; People may ask for an enrollment link; Portal idle timeout; Token types per platform. Every server applies them within a few seconds.',
    )
    const after = policiesIn(server)
    expect(after).toMatchObject({ pinMinLength: 6, lockoutThreshold: 10, sessionIdleMinutes: 30 })
    expect(Boolean(after.selfRequestEnabled)).toBe(false)
    expect(JSON.parse(after.tokenTypesByPlatform!)).toMatchObject({ windows: ['TOTP', 'HOTP'], ios: ['TOTP'] })

    // The audit log shows who changed what, old and new.
    await page.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'Audit log' }).click()
    await page.getByLabel('Action starts with').fill('settings.')
    await page.getByRole('button', { name: 'Filter' }).click()
    const row = page.getByRole('table', { name: 'Audit events, newest first' }).getByRole('row').nth(1)
    await expect(row).toContainText('settings.changed')
    await expect(row).toContainText(admin)
    await expect(row).toContainText('"pinMinLength.old":4,"pinMinLength.new":6')
    await expect(row).toContainText('"selfRequestEnabled.old":true,"selfRequestEnabled.new":false')

    // Seen at once: /enroll/request no longer offers a link…
    await page.goto(at('/enroll/request'))
    await expect(page.getByText('Links are sent by your helpdesk in this organisation.')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Send me a new link' })).toHaveCount(0)

    // …and a 4-digit PIN is refused when changing a PIN.
    const username = `pol-${id()}`
    const token = seedTokenOn(server, username, '4827')
    await page.goto(at('/sign-in'))
    await page.getByLabel('Username').fill(username)
    await page.getByLabel('Passcode').fill(`4827${currentCode(token.secret)}`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('link', { name: `Manage ${username}-${token.serial}` }).click()
    await page.getByRole('link', { name: 'Change PIN' }).click()
    await expect(page.getByText('6 to 16 digits (0–9).')).toBeVisible()
    const pinSetAt = queryDbOf<{ pinSetAt: unknown }>(server, 'SELECT "pinSetAt" FROM "Token" WHERE "serial" = ?', token.serial)[0]!.pinSetAt
    await page.getByLabel('Code from your app').fill(currentCode(token.secret, 30))
    await page.getByLabel('New PIN', { exact: true }).fill('5938')
    await page.getByLabel('New PIN again, to confirm').fill('5938')
    await page.getByRole('button', { name: 'Change PIN' }).click()
    await expect(page.getByText('Your PIN has 4 characters; it needs at least 6.')).toBeVisible()
    expect(queryDbOf<{ pinSetAt: unknown }>(server, 'SELECT "pinSetAt" FROM "Token" WHERE "serial" = ?', token.serial)[0]!.pinSetAt).toEqual(pinSetAt)

    // A helpdesk member: refused the page, and the action posted directly
    // (the admin's own request replayed with their session) changes nothing.
    const theirs = await (await browser.newContext()).newPage()
    const helpdesk = await staffOn(server, theirs)
    await expect(theirs.getByRole('link', { name: 'Policies' })).toHaveCount(0)
    await theirs.goto(at('/admin/policies'))
    await expect(theirs.getByRole('alert').filter({ hasText: 'That page is' })).toHaveText('That page is for administrators only.')
    // (React names the fields of a form with an action state "_1_pinMinLength".)
    const body = posted.postDataBuffer()!.toString('latin1').replace(/(name="(?:_\d+_)?pinMinLength"\r\n\r\n)6\r\n/, '$18\r\n')
    expect(body).toMatch(/pinMinLength"\r\n\r\n8\r\n/)
    const replay = await theirs.request.fetch(at('/admin/policies'), { method: 'POST', headers: withoutCookies(await posted.allHeaders()), data: Buffer.from(body, 'latin1'), maxRedirects: 0 })
    expect(replay.status()).toBeLessThan(500)
    expect(policiesIn(server)).toEqual(after)
    expect(policyEvents(server, admin)).toHaveLength(1)
    expect(policyEvents(server, helpdesk)).toEqual([])
    await theirs.context().close()
  })

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false })

    test('[ADMIN] the policies form works as a plain form: a refused value, then a saved one', async ({ page, browser }) => {
      test.slow() // a staff set-up and argon2
      // Set up with JavaScript in a context of its own, then carry the session over.
      const setup = await browser.newContext()
      await staffOn(server, await setup.newPage(), 'admin')
      await page.context().addCookies((await setup.storageState()).cookies)
      await setup.close()
      const lookAhead = () => queryDbOf<{ hotpLookAhead: number }>(server, 'SELECT "hotpLookAhead" FROM "Settings" WHERE "id" = 1')[0]!.hotpLookAhead
      const before = lookAhead()

      await page.goto(`${server.baseURL}/admin/policies`)
      await page.getByLabel('HOTP look-ahead (codes)').fill('500')
      await page.getByRole('button', { name: 'Save policies' }).click()
      await expect(page.getByText('HOTP look-ahead: enter a whole number from 0 to 100.')).toBeVisible()
      await expect(page.getByLabel('HOTP look-ahead (codes)')).toHaveValue('500')
      expect(lookAhead()).toBe(before)

      await page.getByLabel('HOTP look-ahead (codes)').fill(String(before === 20 ? 21 : 20))
      await page.getByRole('button', { name: 'Save policies' }).click()
      await expect(page.getByRole('status')).toHaveText('Policies saved. Changed: HOTP look-ahead. Every server applies them within a few seconds.')
      expect(lookAhead()).toBe(before === 20 ? 21 : 20)
    })
  })
})

