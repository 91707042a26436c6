import { randomBytes } from 'node:crypto'
import { expect, test } from './fixtures'
import { startExtraServer, type ExtraServer } from './helpers/extra-server'
import { validate } from './helpers/gateway'
import { queryDbOf } from './helpers/server-db'
import { setUpFirstAdmin, signedInStaff } from './helpers/staff'

// MFA exclusion rules (/admin/exclusions): an administrator adds, disables
// and removes rules, and the validation API follows. The administrator is
// the first one of a server of this test's own: the suite's server must keep
// having no administrator for the first-admin set-up test (staff.spec.ts).

const id = () => randomBytes(3).toString('hex')

let server: ExtraServer

test.describe('on a server of its own', () => {
  // Started before and stopped after the test's fixtures: the page's axe scans
  // finish after the test's steps and still load the server's stylesheets.
  test.beforeAll(async () => {
    server = await startExtraServer({})
  })
  test.afterAll(async () => {
    await server?.stop()
  })

  test('[ADMIN] an admin adds a user exclusion: a wrong passcode is accepted with mfa excluded until the rule is disabled; a bad CIDR writes nothing', async ({ page, playwright }) => {
    test.slow() // a set-up and argon2
    const page_ = (path: string) => `${server.baseURL}${path}`
    const setupUrl = /http:\/\/\S+\/staff\/setup\/[A-Za-z0-9_-]{43}/.exec(server.cli(['staff', 'setup-url']).stdout)![0]
    const admin = `admin-${id()}`
    await setUpFirstAdmin(page, { url: setupUrl, username: admin })

    const username = `kiosk-${id()}`
    expect(server.cli(['user', 'add', '--username', username, '--email', `${username}@example.com`]).code).toBe(0)
    const key = (JSON.parse(server.cli(['apikey', 'create', '--name', 'vpn', '--json']).stdout) as { key: string }).key
    const api = await playwright.request.newContext({ baseURL: server.baseURL })
    const wrongPasscode = { username, passcode: '0000000000', clientIp: '198.51.100.7' }
    expect((await validate(api, key, wrongPasscode)).body).toEqual({ result: 'reject', message: 'Access denied' })

    await page.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'MFA exclusions' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'MFA exclusion rules' })).toBeVisible()
    await expect(page.getByRole('note')).toContainText('An exclusion means no second factor.')
    await expect(page.getByText('No exclusion rules: every sign-in needs a passcode.')).toBeVisible()

    // A bad range: the problem at the field, what was typed kept, nothing written.
    await page.getByLabel('Rule matches').selectOption({ label: 'Client address' })
    await page.getByLabel('Value').fill('10.1.2.3/8')
    await page.getByLabel('Description').fill('Branch office')
    await page.getByRole('button', { name: 'Add exclusion rule' }).click()
    await expect(page.getByText('"10.1.2.3/8" has bits set beyond its prefix: did you mean 10.0.0.0/8?')).toBeVisible()
    await expect(page.getByLabel('Value')).toHaveValue('10.1.2.3/8')
    await expect(page.getByLabel('Value')).toHaveAttribute('aria-invalid', 'true')
    await page.getByLabel('Value').fill('10.0.0.0/33')
    await page.getByRole('button', { name: 'Add exclusion rule' }).click()
    await expect(page.getByText('The prefix length after "/" must be a number from 0 to 32')).toBeVisible()
    expect(queryDbOf(server, 'SELECT "id" FROM "ExclusionRule"')).toEqual([])

    // A rule for the user: the wrong passcode now lets them in, without a second factor.
    await page.getByLabel('Rule matches').selectOption({ label: 'User' })
    await page.getByLabel('Value').fill(username.toUpperCase())
    await page.getByLabel('Description').fill('Shared kiosk, no phone')
    await page.getByLabel('Expires (optional)').fill('2099-12-31')
    await page.getByRole('button', { name: 'Add exclusion rule' }).click()
    await expect(page.getByRole('status')).toHaveText('Exclusion rule added. It applies on every server within a few seconds.')
    const row = page.getByRole('row', { name: new RegExp(username) })
    await expect(row).toContainText('Active')
    await expect(row).toContainText('Shared kiosk, no phone')
    const [rule] = queryDbOf<{ id: string; value: string }>(server, 'SELECT "id", "value" FROM "ExclusionRule"')
    expect(rule!.value).toBe(username)
    await expect.poll(async () => (await validate(api, key, wrongPasscode)).body).toEqual({ result: 'accept', mfa: 'excluded', exclusionRuleId: rule!.id })
    const [excluded] = queryDbOf<{ actorLabel: string; subjectLabel: string; ip: string; details: string }>(
      server,
      'SELECT "actorLabel", "subjectLabel", "ip", "details" FROM "AuditEvent" WHERE "action" = ?',
      'validate.excluded',
    )
    expect(excluded).toMatchObject({ actorLabel: 'vpn', subjectLabel: username, ip: '198.51.100.7' })
    expect(JSON.parse(excluded!.details)).toMatchObject({ ruleId: rule!.id, ruleKind: 'USER' })

    // Disabled: the passcode counts again.
    await page.getByRole('button', { name: `Disable the rule for ${username}` }).click()
    await expect(page.getByRole('status')).toHaveText('Exclusion rule disabled: those sign-ins need a passcode again.')
    await expect(row).toContainText('Disabled')
    await expect.poll(async () => (await validate(api, key, wrongPasscode)).body).toEqual({ result: 'reject', message: 'Access denied' })

    // Removed, after a confirmation.
    await page.getByRole('link', { name: `Remove the rule for ${username}` }).click()
    await expect(page.getByRole('heading', { name: 'Remove this exclusion rule?' })).toBeVisible()
    await page.getByRole('button', { name: 'Remove rule' }).click()
    await expect(page.getByRole('status')).toHaveText('Exclusion rule removed.')
    await expect(page.getByText('No exclusion rules: every sign-in needs a passcode.')).toBeVisible()
    expect(page.url()).toBe(page_('/admin/exclusions?done=removed'))

    // Every change is in the audit log, with who made it.
    const changes = queryDbOf<{ action: string; actorLabel: string }>(server, 'SELECT "action", "actorLabel" FROM "AuditEvent" WHERE "action" LIKE ? ORDER BY "at"', 'exclusion.%')
    expect(changes).toEqual(['exclusion.created', 'exclusion.disabled', 'exclusion.removed'].map((action) => ({ action, actorLabel: admin })))
    await api.dispose()
  })
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })
  let plain: ExtraServer
  test.beforeAll(async () => {
    plain = await startExtraServer({})
  })
  test.afterAll(async () => {
    await plain?.stop()
  })

  test('[ADMIN] the rules page works without JavaScript: a bad range is refused in the form, a rule is added, disabled and removed', async ({ page }) => {
    test.slow() // a set-up and argon2
    const setupUrl = /http:\/\/\S+\/staff\/setup\/[A-Za-z0-9_-]{43}/.exec(plain.cli(['staff', 'setup-url']).stdout)![0]
    await setUpFirstAdmin(page, { url: setupUrl, username: `admin-${id()}` })
    await page.goto(`${plain.baseURL}/admin/exclusions`)
    await page.getByLabel('Rule matches').selectOption({ label: 'Client address' })
    await page.getByLabel('Value').fill('2001:db8::1/32')
    await page.getByLabel('Description').fill('Lab')
    await page.getByRole('button', { name: 'Add exclusion rule' }).click()
    await expect(page.getByText('"2001:db8::1/32" has bits set beyond its prefix: did you mean 2001:db8::/32?')).toBeVisible()
    await expect(page.getByLabel('Rule matches')).toHaveValue('CLIENT_ADDRESS')
    expect(queryDbOf(plain, 'SELECT "id" FROM "ExclusionRule"')).toEqual([])

    await page.getByLabel('Value').fill('2001:DB8::/32')
    await page.getByRole('button', { name: 'Add exclusion rule' }).click()
    await expect(page.getByRole('status')).toHaveText('Exclusion rule added. It applies on every server within a few seconds.')
    await page.getByRole('button', { name: 'Disable the rule for 2001:db8::/32' }).click()
    await expect(page.getByRole('row', { name: /2001:db8::\/32/ })).toContainText('Disabled')
    await page.getByRole('link', { name: 'Remove the rule for 2001:db8::/32' }).click()
    await page.getByRole('button', { name: 'Remove rule' }).click()
    await expect(page.getByText('No exclusion rules: every sign-in needs a passcode.')).toBeVisible()
  })
})

test('[ADMIN] a helpdesk member is refused the exclusion rules', async ({ page }) => {
  test.slow() // a set-up and argon2
  await signedInStaff(page)
  await expect(page.getByRole('link', { name: 'MFA exclusions' })).toHaveCount(0)
  await page.goto('/admin/exclusions')
  await expect(page.getByRole('heading', { level: 1, name: 'Staff console' })).toBeVisible()
  await expect(page.getByRole('alert').filter({ hasText: 'That page is' })).toHaveText('That page is for administrators only.')
})
