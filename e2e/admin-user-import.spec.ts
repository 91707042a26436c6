import { randomBytes } from 'node:crypto'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { queryServerDbAll } from './helpers/server-db'
import { signedInStaff } from './helpers/staff'

// User import (/admin/users/import): an administrator checks a CSV with a bad
// row (the report names its line, nothing is written), fixes it and imports;
// the users are then found by the helpdesk search. A helpdesk member is refused.

const csvFile = (text: string) => ({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(text) })
const usersLike = (prefix: string) =>
  queryServerDbAll<{ username: string; email: string; displayName: string | null }>('SELECT "username", "email", "displayName" FROM "User" WHERE "username" LIKE ? ORDER BY "username"', `${prefix}%`)

async function upload(page: Page, text: string, mode: 'Check the file only' | 'Import all rows' | 'Import the valid rows', { confirm = false } = {}) {
  await page.getByLabel('CSV file').setInputFiles(csvFile(text))
  await page.getByRole('radio', { name: new RegExp(`^${mode}`) }).check()
  if (confirm) await page.getByRole('checkbox', { name: /^I confirm the import/ }).check()
  await page.getByRole('button', { name: 'Upload' }).click()
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled })

    test(`[ADMIN] a bad row is reported with its line and nothing is written; fixed, the file imports and the users are found (${javaScriptEnabled ? 'JS' : 'no JS'})`, async ({ page }) => {
      test.slow() // a staff set-up and argon2
      const p = `imp${randomBytes(3).toString('hex')}`
      await signedInStaff(page, { role: 'admin' })
      await page.getByRole('link', { name: 'Import users' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Import users' })).toBeVisible()

      // Over the size limit: a clear message, nothing read.
      const huge = `username,email\n${p}-big,${p}-big@example.com\n`.padEnd(20 * 1024 * 1024 + 1, '\n')
      await upload(page, huge, 'Import all rows', { confirm: true })
      await expect(page.getByRole('alert').filter({ hasText: 'larger' })).toHaveText('The file is larger than 20 MB; split it into smaller files.')
      expect(usersLike(p)).toEqual([])

      const bad = `username;email;name;groups\n${p}-ann;${p}-ann@example.com;"Doe; Ann";sales|emea\n${p}-bob;not-an-email;Bob;\n`
      // "Import all rows" with a bad row: the report, nothing written.
      await upload(page, bad, 'Import all rows', { confirm: true })
      await expect(page.getByRole('status')).toHaveText('people.csv: 1 of 2 rows are bad; nothing was imported.')
      const badRows = page.getByRole('table', { name: 'Bad rows' })
      await expect(badRows.getByRole('row')).toHaveCount(2)
      await expect(badRows.getByRole('row').nth(1)).toHaveText(`3${p}-bobEmail must be a valid address`)
      expect(usersLike(p)).toEqual([])

      // An import needs the confirmation.
      const fixed = bad.replace('not-an-email', `${p}-bob@example.com`)
      await upload(page, fixed, 'Import all rows')
      await expect(page.getByRole('alert').filter({ hasText: 'Tick the' })).toHaveText('Tick the confirmation to import: an import changes accounts for everyone in the file.')
      expect(usersLike(p)).toEqual([])

      // A check of the fixed file writes nothing and says what an import would do.
      await upload(page, fixed, 'Check the file only')
      await expect(page.getByRole('status')).toHaveText('people.csv: all 2 rows are valid. An import would make: 2 added, 0 updated, 0 unchanged, 0 disabled.')
      expect(usersLike(p)).toEqual([])

      await upload(page, fixed, 'Import all rows', { confirm: true })
      await expect(page.getByRole('status')).toHaveText('Imported people.csv: 2 added, 0 updated, 0 unchanged, 0 disabled, 0 refused.')
      expect(usersLike(p)).toEqual([
        { username: `${p}-ann`, email: `${p}-ann@example.com`, displayName: 'Doe; Ann' },
        { username: `${p}-bob`, email: `${p}-bob@example.com`, displayName: 'Bob' },
      ])
      const [event] = queryServerDbAll<{ details: string }>('SELECT "details" FROM "AuditEvent" WHERE "action" = ? AND "details" LIKE ? ORDER BY "at" DESC', 'user.imported', '%"added":2%')
      expect(JSON.parse(event!.details)).toMatchObject({ source: 'people.csv', added: 2, refused: 0 })

      // The helpdesk's search finds an imported user.
      await page.goto(`/staff/users?q=${p}-ann`)
      await expect(page.getByRole('table', { name: /starts with/ })).toContainText(`${p}-ann@example.com`)
    })
  })
}

test('[HELPDESK] a helpdesk member is refused the import page and its action', async ({ page, browser }) => {
  test.slow() // two staff set-ups
  const p = `imp${randomBytes(3).toString('hex')}`
  // An administrator's import form, as the page serves it without JavaScript (the action's fields included).
  const adminContext = await browser.newContext({ javaScriptEnabled: false })
  const adminPage = await adminContext.newPage()
  await signedInStaff(adminPage, { role: 'admin' })
  await adminPage.goto('/admin/users/import')
  const adminForm = await adminPage.locator('form', { has: adminPage.getByLabel('CSV file') }).evaluate((f) => f.outerHTML)
  await adminContext.close()

  await signedInStaff(page)
  await expect(page.getByRole('link', { name: 'Import users' })).toHaveCount(0)
  await page.goto('/admin/users/import')
  await expect(page.getByRole('alert').filter({ hasText: 'That page is' })).toHaveText('That page is for administrators only.')
  await expect(page.getByRole('heading', { level: 1, name: 'Import users' })).toHaveCount(0)

  // The action itself, posted from the helpdesk member's session with the administrator's form: refused, nothing written.
  await page.goto('/staff')
  await expect(page.getByRole('alert').filter({ hasText: 'That page is' })).toHaveCount(0)
  await page.evaluate((html) => {
    document.querySelector('main')!.insertAdjacentHTML('beforeend', html)
    document.querySelector('main')!.lastElementChild!.setAttribute('action', '/admin/users/import')
  }, adminForm)
  await upload(page, `username,email\n${p}-x,${p}-x@example.com\n`, 'Import all rows', { confirm: true })
  await expect(page).toHaveURL(/\/staff\?refused=role$/)
  await expect(page.getByRole('alert').filter({ hasText: 'That page is' })).toHaveText('That page is for administrators only.')
  expect(usersLike(p)).toEqual([])
})
