import { expect, test } from '@playwright/test'
import { captureSettled, createSnapshotScanner, trackNavigations } from './helpers/a11y'

// The axe fixture's own promises, on synthetic pages (no server needed):
// scans see a page as a person would once it has settled, never the gap of
// a client-side navigation, and a page that really has no title is still
// reported. Plain Playwright `test`, so the fixture does not scan these.

const base = 'http://127.0.0.1:9/__a11y-probe'
const doc = (title: string | null, body: string) =>
  `<!DOCTYPE html><html lang="en"><head>${title === null ? '' : `<title>${title}</title>`}</head><body><main><h1>Probe</h1>${body}</main></body></html>`

// What Next.js does on a server action's redirect(): push the new URL, drop
// the old <title>, render the new page, and mount its <title> a moment later.
const navigatesLikeARedirect = doc(
  'First page',
  `<button id="go">Go</button><script>
    document.getElementById('go').addEventListener('click', () => {
      history.pushState(null, '', '${base}/second')
      document.querySelector('title').remove()
      document.querySelector('h1').textContent = 'Second'
      setTimeout(() => { const t = document.createElement('title'); t.textContent = 'Second page'; document.head.append(t) }, 300)
    })
  </script>`,
)

test.beforeEach(async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one run is enough')
  await trackNavigations(page)
  await page.route(`${base}/**`, (route) => {
    const path = new URL(route.request().url()).pathname
    return route.fulfill({ contentType: 'text/html', body: path.endsWith('/untitled') ? doc(null, '') : navigatesLikeARedirect })
  })
})

test('[A11Y] a copy taken during a client-side navigation waits for the new title', async ({ page, context }) => {
  await page.goto(`${base}/first`)
  await page.getByRole('button', { name: 'Go' }).click()
  // The live page is in the gap now: the new URL, no title.
  expect(await page.evaluate(() => [location.pathname, document.title])).toEqual(['/__a11y-probe/second', ''])
  const snapshot = await captureSettled(page, `${base}/second`)
  if (typeof snapshot === 'string') throw new Error(`expected a snapshot, got ${snapshot}`)
  expect(snapshot.html).toContain('<title>Second page</title>')
  expect(snapshot.html).not.toContain('<script')
  expect((await createSnapshotScanner(context).scan(snapshot)).map((v) => v.id)).not.toContain('document-title')
})

test('[A11Y] a page that never gets a title is still scanned, and fails', async ({ page, context }) => {
  await page.goto(`${base}/untitled`)
  const snapshot = await captureSettled(page, `${base}/untitled`, { timeout: 500 })
  if (typeof snapshot === 'string') throw new Error(`expected a snapshot, got ${snapshot}`)
  expect((await createSnapshotScanner(context).scan(snapshot)).map((v) => v.id)).toContain('document-title')
})

test('[A11Y] a page left before it settled is reported as left, and an unchanged one is not copied twice', async ({ page }) => {
  await page.goto(`${base}/first`)
  const first = await captureSettled(page, `${base}/first`)
  if (typeof first === 'string') throw new Error(`expected a snapshot, got ${first}`)
  expect(await captureSettled(page, `${base}/first`, { since: first.mark })).toBe('unchanged')
  const waiting = captureSettled(page, `${base}/elsewhere`)
  expect(await waiting).toBe('left')
})
