import type { Browser, BrowserContext, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { invitedUser } from './helpers/enrollment'
import { waitForMail } from './helpers/mailbox'
import { queryServerDb, updateServerDb } from './helpers/server-db'
import { signedInStaff } from './helpers/staff'

// An administrator brands the portal and its emails from /admin/branding:
// logo (checked, SVG cleaned, served safely), colour (contrast checked),
// organisation name, email texts with a live preview; a helpdesk member is
// refused. The tests share the one settings record with every other spec,
// so they run one at a time and put the branding back when done, and the
// subject override keeps the prefix other specs wait for.

test.describe.configure({ mode: 'serial' })

// The phone-size project runs beside the desktop one on the same server:
// only the desktop run writes the shared settings; at phone size the pages
// are opened and previewed (and scanned) without saving.
const phoneRun = (project: { use: { isMobile?: boolean } }) => !!project.use.isMobile

type Branding = { orgName: string; brandColor: string; logoUrl: string | null; emailTemplates: string | null; supportContact: string; otpIssuer: string }
const branding = () => queryServerDb<Branding>('SELECT "orgName", "brandColor", "logoUrl", "emailTemplates", "supportContact", "otpIssuer" FROM "Settings" WHERE "id" = 1')
let before: Branding
test.beforeAll(() => {
  before = branding()
})
test.afterAll(({}, testInfo) => {
  if (phoneRun(testInfo.project)) return
  updateServerDb(
    'UPDATE "Settings" SET "orgName" = ?, "brandColor" = ?, "logoUrl" = ?, "emailTemplates" = ?, "supportContact" = ?, "otpIssuer" = ? WHERE "id" = 1',
    before.orgName,
    before.brandColor,
    before.logoUrl,
    before.emailTemplates,
    before.supportContact,
    before.otpIssuer,
  )
})

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGMQCdYFAAETAJWMzy70AAAAAElFTkSuQmCC', 'base64')
const HOSTILE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 32 32" onload="alert('svg')">
<script>alert('script')</script>
<rect width="32" height="32" fill="#14532d" onclick="alert(1)"/>
<use href="https://evil.example/sprite.svg#a"/><use xlink:href="https://evil.example/sprite.svg#b"/>
<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>
</svg>`

async function openBranding(page: Page) {
  await page.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'Branding' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Branding and content' })).toBeVisible()
}

async function uploadLogo(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByLabel('Logo file').setInputFiles(file)
  await page.getByRole('button', { name: 'Upload logo' }).click()
}

test('[BRAND] an administrator uploads a PNG and an SVG logo; the SVG is served cleaned; too large is refused; remove goes back to the default', async ({ page }) => {
  test.skip(phoneRun(test.info().project), 'writes the shared settings: the desktop run only')
  test.slow() // a staff set-up and argon2
  await signedInStaff(page, { role: 'admin' })
  await openBranding(page)

  await uploadLogo(page, { name: 'logo.png', mimeType: 'image/png', buffer: PNG })
  await expect(page.getByRole('status')).toHaveText('Logo uploaded. Pages and emails show it from now on.')
  const pngUrl = branding().logoUrl!
  expect(pngUrl).toMatch(/^\/branding\/logo\/[0-9a-f]{64}\.png$/)
  await expect(page.getByRole('banner').locator('img')).toHaveAttribute('src', pngUrl)
  const png = await page.request.get(pngUrl)
  expect(png.status()).toBe(200)
  expect(png.headers()['content-type']).toBe('image/png')
  expect(png.headers()['x-content-type-options']).toBe('nosniff')
  expect(png.headers()['cache-control']).toBe('public, max-age=31536000, immutable')
  expect(Buffer.from(await png.body()).equals(PNG)).toBe(true)

  // An SVG named .png: its type comes from the bytes; what is served has nothing that runs or reaches out.
  await uploadLogo(page, { name: 'innocent.png', mimeType: 'image/png', buffer: Buffer.from(HOSTILE_SVG) })
  await expect(page.getByRole('status')).toHaveText('Logo uploaded. Pages and emails show it from now on.')
  const svgUrl = branding().logoUrl!
  expect(svgUrl).toMatch(/^\/branding\/logo\/[0-9a-f]{64}\.svg$/)
  const svg = await page.request.get(svgUrl)
  expect(svg.headers()['content-type']).toBe('image/svg+xml; charset=utf-8')
  expect(svg.headers()['x-content-type-options']).toBe('nosniff')
  expect(svg.headers()['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox")
  const served = await svg.text()
  expect(served).toContain('<rect width="32" height="32" fill="#14532d"/>')
  expect(served).not.toMatch(/script|onload|onclick|alert|evil\.example|href|foreignObject/i)

  // Over 200 KB: a clear message, and the logo stays as it was.
  const big = Buffer.concat([PNG, Buffer.alloc(250 * 1024)])
  await uploadLogo(page, { name: 'big.png', mimeType: 'image/png', buffer: big })
  await expect(page.getByText('The logo is 251 KB; it must be at most 200 KB.')).toBeVisible()
  expect(branding().logoUrl).toBe(svgUrl)
  // Not an image at all.
  await uploadLogo(page, { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('%PDF-1.7 not a logo') })
  await expect(page.getByText('The logo must be a PNG, JPEG or SVG image; this file is none of those (whatever its name says).')).toBeVisible()
  expect(branding().logoUrl).toBe(svgUrl)

  // Remove, after a confirmation: the default logo is back.
  await page.getByRole('link', { name: 'Remove logo…' }).click()
  await expect(page.getByRole('heading', { name: 'Remove the logo?' })).toBeVisible()
  await page.getByRole('button', { name: 'Remove logo' }).click()
  await expect(page.getByRole('status')).toHaveText('Logo removed: the default logo is back.')
  expect(branding().logoUrl).toBeNull()
  await expect(page.getByRole('banner').locator('img')).toHaveAttribute('src', '/logo.svg')
  const audited = queryServerDb<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "AuditEvent" WHERE "action" = 'settings.changed' AND "subjectLabel" = 'branding' AND "details" LIKE ?`, `%${svgUrl}%`)
  expect(audited.n).toBeGreaterThanOrEqual(2)
})

test('[BRAND] a low-contrast colour is refused with its ratio; name, colour and a subject override reach the enrollment page and the next invitation', async ({ page }) => {
  test.skip(phoneRun(test.info().project), 'writes the shared settings: the desktop run only')
  test.slow() // a staff set-up, an invitation through the mail worker
  await signedInStaff(page, { role: 'admin' })
  await openBranding(page)
  const colourBefore = branding().brandColor

  await page.getByLabel('Primary colour').fill('#7dd3fc')
  await page.getByRole('button', { name: 'Save organisation details' }).click()
  await expect(page.getByText('#7dd3fc has a contrast of 1.6:1 against white; choose a darker colour (at least 4.5:1).')).toBeVisible()
  expect(branding().brandColor).toBe(colourBefore)

  const orgName = `Brandtest ${Date.now().toString(36)}`
  await page.getByLabel('Organisation name').fill(orgName)
  await page.getByLabel('Primary colour').fill('#14532D')
  await page.getByRole('button', { name: 'Save organisation details' }).click()
  await expect(page.getByRole('status')).toHaveText('Organisation details saved. Pages and emails use them from now on.')
  expect(branding()).toMatchObject({ orgName, brandColor: '#14532d' })
  await expect(page.getByRole('banner')).toContainText(orgName)

  // The invitation's subject, saved on the templates page (it keeps the prefix other specs wait for).
  await page.getByRole('link', { name: 'Email templates' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Email templates' })).toBeVisible()
  await page.getByLabel('Subject').fill('Set up your sign-in token for {orgName}, {name}')
  await page.getByRole('button', { name: 'Save email text' }).click()
  await expect(page.getByRole('status')).toHaveText('Saved. The next email of this kind uses this text.')

  const { user, link } = await invitedUser('brand')
  const mail = await waitForMail(user.email, { subject: /^Set up your sign-in token/ })
  expect(mail.subject).toBe(`Set up your sign-in token for ${orgName}, ${user.name}`)
  expect(mail.html).toContain('background:#14532d')
  expect(mail.html).toContain(orgName)
  expect(mail.text.startsWith(orgName)).toBe(true)

  // The enrollment page shows the name and uses the colour.
  await page.goto(link)
  await expect(page.getByRole('banner')).toContainText(orgName)
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--brand').trim())).toBe('#14532d')

  // Back to the built-in subject.
  await page.goto('/admin/branding/emails')
  await page.getByLabel('Subject').fill('')
  await page.getByRole('button', { name: 'Save email text' }).click()
  await expect(page.getByRole('status')).toHaveText('Saved. This email uses its built-in text again.')
  expect(branding().emailTemplates).toBeNull()
})

async function noScriptPage(browser: Browser, context: BrowserContext): Promise<{ page: Page; close: () => Promise<void> }> {
  const quiet = await browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState() })
  return { page: await quiet.newPage(), close: () => quiet.close() }
}

test('[BRAND] the email preview follows the typing, and works without JavaScript through the Preview button', async ({ page, browser }) => {
  test.slow()
  await signedInStaff(page, { role: 'admin' })
  await openBranding(page)
  await page.goto('/admin/branding/emails?template=pin-changed')
  await expect(page.getByRole('heading', { level: 2, name: 'PIN changed' })).toBeVisible()
  const html = page.frameLocator('iframe[title="Preview of the HTML part"]')
  const text = page.frameLocator('iframe[title="Preview of the plain-text part"]')
  await expect(html.locator('body')).toContainText('The PIN of "jdoe-TP7K2M9QXA" was changed')

  const support = branding().supportContact
  await page.getByLabel('Introduction').fill('Ask {supportContact}: your PIN changed.')
  await page.getByLabel('Subject').fill('PIN news for {name}')
  await expect(html.locator('body')).toContainText(`Ask ${support}: your PIN changed.`)
  await expect(html.locator('body')).not.toContainText('was changed on')
  await expect(text.locator('body')).toContainText('Subject: PIN news for Jane Doe')
  // A placeholder that does not exist: the preview says why, and saving is refused with the field's message.
  await page.getByLabel('Subject').fill('PIN news for {user}')
  await expect(text.locator('body')).toContainText('Unknown placeholder {user}')
  await page.getByRole('button', { name: 'Save email text' }).click()
  await expect(page.getByText('Unknown placeholder {user}; use {orgName}, {supportContact}, {name}.')).toBeVisible()
  expect(branding().emailTemplates ?? '').not.toContain('pin-changed')

  // The preview's own headers: framed by us only, sandboxed, nothing runs.
  const framed = await page.request.get('/admin/branding/preview?template=pin-changed&part=html&subject=x&intro=y')
  expect(framed.headers()['content-security-policy']).toContain('sandbox')
  expect(framed.headers()['x-frame-options']).toBe('SAMEORIGIN')

  // Without JavaScript: the Preview button re-renders the page with the unsaved text.
  const quiet = await noScriptPage(browser, page.context())
  await quiet.page.goto('/admin/branding/emails?template=pin-changed')
  await quiet.page.getByLabel('Introduction').fill('No script needed, {supportContact}.')
  await quiet.page.getByRole('button', { name: 'Preview' }).click()
  await expect(quiet.page.getByRole('status')).toHaveText('Preview updated. Not saved yet.')
  await expect(quiet.page.getByLabel('Introduction')).toHaveValue('No script needed, {supportContact}.')
  await expect(quiet.page.frameLocator('iframe[title="Preview of the HTML part"]').locator('body')).toContainText(`No script needed, ${support}.`)
  await expect(quiet.page.frameLocator('iframe[title="Preview of the plain-text part"]').locator('body')).toContainText(`No script needed, ${support}.`)
  expect(branding().emailTemplates ?? '').not.toContain('pin-changed')
  await quiet.close()
})

test('[BRAND] a helpdesk member is refused the branding pages, the preview and every branding action', async ({ page, browser }) => {
  test.skip(phoneRun(test.info().project), 'writes the shared settings: the desktop run only')
  test.slow() // two staff set-ups
  await signedInStaff(page)
  for (const path of ['/admin/branding', '/admin/branding/emails']) {
    await page.goto(path)
    await expect(page.getByRole('alert').filter({ hasText: 'That page is' })).toHaveText('That page is for administrators only.')
  }
  expect((await page.request.get('/admin/branding/preview?template=pin-changed&part=html')).status()).toBe(403)

  // Each action, posted from an admin's form with the helpdesk member's session
  // (in a browser of its own, so the page scans above keep their session): refused, nothing changed.
  const adminContext = await browser.newContext()
  const admin = await adminContext.newPage()
  await signedInStaff(admin, { role: 'admin' })
  await admin.goto('/admin/branding')
  await uploadLogo(admin, { name: 'logo.png', mimeType: 'image/png', buffer: PNG })
  await expect(admin.getByRole('status')).toHaveText('Logo uploaded. Pages and emails show it from now on.')
  const adminCookies = await adminContext.cookies()
  const helpdeskCookies = await page.context().cookies()
  const asHelpdesk = async (path: string, fillAndSubmit: () => Promise<void>) => {
    await adminContext.clearCookies()
    await adminContext.addCookies(adminCookies)
    await admin.goto(path)
    await adminContext.clearCookies()
    await adminContext.addCookies(helpdeskCookies)
    await fillAndSubmit()
    await expect(admin.getByRole('alert').filter({ hasText: 'That page is' })).toHaveText('That page is for administrators only.')
  }
  const start = branding()
  expect(start.logoUrl).not.toBeNull()
  await asHelpdesk('/admin/branding', async () => {
    await admin.getByLabel('Organisation name').fill('Taken over')
    await admin.getByRole('button', { name: 'Save organisation details' }).click()
  })
  await asHelpdesk('/admin/branding', async () => {
    await uploadLogo(admin, { name: 'logo.png', mimeType: 'image/png', buffer: Buffer.concat([PNG, Buffer.from('other')]) })
  })
  await asHelpdesk('/admin/branding?confirm=remove-logo', async () => {
    await admin.getByRole('button', { name: 'Remove logo' }).click()
  })
  await asHelpdesk('/admin/branding', async () => {
    await admin.getByLabel('App 1 name').fill('Evil Authenticator')
    await admin.getByRole('button', { name: 'Save authenticator apps' }).click()
  })
  await asHelpdesk('/admin/branding', async () => {
    await admin.getByRole('textbox', { name: 'Rules of use' }).fill('No rules')
    await admin.getByRole('button', { name: 'Save rules of use' }).click()
  })
  await asHelpdesk('/admin/branding/emails', async () => {
    await admin.getByLabel('Subject').fill('Taken over')
    await admin.getByRole('button', { name: 'Save email text' }).click()
  })
  expect(branding()).toEqual(start)
  expect(queryServerDb<{ n: number }>('SELECT COUNT(*) AS "n" FROM "Settings" WHERE "rulesOfUse" = ? OR "authenticatorApps" LIKE ?', 'No rules', '%Evil%').n).toBe(0)
  await adminContext.close()
})
