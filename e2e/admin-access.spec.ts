import { expect, test } from './fixtures'
import { signedInStaff } from './helpers/staff'

// Every administration page, in one place: a helpdesk member is refused each
// of them (and the email preview), and is never shown the admin navigation;
// a visitor without a staff session is sent to staff sign-in. Each page's own
// spec also posts its actions as a helpdesk member; test/admin-actions.test.ts
// checks that every admin action asks for the admin role.
const ADMIN_PAGES = [
  '/admin',
  '/admin/policies',
  '/admin/branding',
  '/admin/branding/emails',
  '/admin/api-clients',
  '/admin/api-clients/some-client-id/addresses',
  '/admin/api-clients/some-client-id/revoke',
  '/admin/staff',
  '/admin/staff/some-staff-id',
  '/admin/exclusions',
  '/admin/maintenance',
  '/admin/maintenance/run',
  '/admin/users',
  '/admin/invitations',
  '/admin/invitations/new',
  '/admin/invitations/some-job-id',
  '/admin/invitations/some-job-id/cancel',
  '/admin/tokens',
  '/admin/enrollments',
  '/admin/enrollments/reinvite',
]
const ADMIN_LINKS = ['Dashboard', 'Users', 'Invitations', 'Unfinished enrollments', 'Policies', 'Branding', 'API clients', 'Staff accounts', 'MFA exclusions']

test('[ADMIN] a helpdesk member is refused every administration page and sees no admin links', async ({ page }) => {
  test.slow() // two dozen production pages, each followed by an axe scan
  await signedInStaff(page, { role: 'helpdesk' })
  const nav = page.getByRole('navigation', { name: 'Staff console' })
  await expect(nav.getByRole('link', { name: 'Find a user' })).toBeVisible()
  for (const name of ADMIN_LINKS) await expect(nav.getByRole('link', { name, exact: true })).toHaveCount(0)
  for (const path of ADMIN_PAGES) {
    await page.goto(path)
    await expect(page, path).toHaveURL(/\/staff\?refused=role$/)
    await expect(page.getByRole('alert').filter({ hasText: 'That page is' })).toHaveText('That page is for administrators only.')
  }
  const preview = await page.request.get('/admin/branding/preview?template=enrollment-invitation&part=html')
  expect(preview.status()).toBe(403)
  expect(await preview.text()).not.toContain('<html')
})

test('[ADMIN] without a staff session every administration page asks for staff sign-in', async ({ page }) => {
  test.slow() // two dozen production pages and their redirects
  for (const path of ADMIN_PAGES) {
    await page.goto(path)
    await expect(page, path).toHaveURL(new RegExp(`/staff/sign-in\\?next=${encodeURIComponent(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))
  }
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
})

test('[ADMIN] an administrator sees every admin link and each page opens', async ({ page }) => {
  test.slow()
  await signedInStaff(page, { role: 'admin' })
  const nav = page.getByRole('navigation', { name: 'Staff console' })
  for (const name of ADMIN_LINKS) {
    await nav.getByRole('link', { name, exact: true }).click()
    await expect(nav.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page')
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  }
})
