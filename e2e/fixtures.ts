import { test as base, expect, type Frame, type Page } from '@playwright/test'
import { captureSettled, createSnapshotScanner, trackNavigations, type Snapshot, type Violation } from './helpers/a11y'

type Fixtures = {
  /** Accessibility violations found on every page this test loaded. */
  axeViolations: Violation[]
}

const ours = (url: string) => url.startsWith('http') && url.includes('127.0.0.1')

/**
 * Every test gets a page that is scanned with axe each time it settles on a
 * new URL (a full load or a client-side navigation), and once more as the
 * test leaves it, and that is watched for CSP violations and uncaught
 * errors. Each scan runs on a copy of the page taken at a settled moment
 * (helpers/a11y.ts), never on the live page, which the test may be changing
 * meanwhile. A URL the test left before it settled is scanned at the end on
 * a fresh visit, so no page goes unscanned.
 */
export const test = base.extend<Fixtures>({
  axeViolations: async ({}, provide) => {
    await provide([])
  },
  page: [
    async ({ page, axeViolations, javaScriptEnabled }, provide, testInfo) => {
      const problems: string[] = []
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
      if (javaScriptEnabled === false) {
        // axe runs as a script in the page; the same pages are scanned by the
        // tests that run with JavaScript.
        await provide(page)
        expect(problems, 'no uncaught errors').toEqual([])
        return
      }
      page.on('console', (msg) => {
        if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(`CSP: ${msg.text()}`)
      })

      const context = page.context()
      const scanner = createSnapshotScanner(context)
      const captures: Promise<void>[] = []
      const scanned = new Set<string>()
      const missed = new Set<string>()
      let lastMark = ''
      // Scans run one at a time beside the test; captures must not wait for them.
      let scans = Promise.resolve()
      const scan = (snapshot: Snapshot) => {
        lastMark = snapshot.mark
        scanned.add(snapshot.url)
        scans = scans.then(async () => void axeViolations.push(...(await scanner.scan(snapshot))))
      }
      const captureAndScan = async (target: Page, url: string, since = '') => {
        const snapshot = await captureSettled(target, url, { since })
        if (snapshot === 'left') missed.add(url)
        else if (snapshot !== 'unchanged') scan(snapshot)
      }

      await trackNavigations(page)
      const onNavigated = (frame: Frame) => {
        if (frame === page.mainFrame() && ours(frame.url())) captures.push(captureAndScan(page, frame.url()))
      }
      page.on('framenavigated', onNavigated)

      await provide(page)

      // No capture starts after this point (a late client-side navigation
      // would otherwise add a scan after the scanner closed).
      page.off('framenavigated', onNavigated)
      await Promise.all(captures)
      // The page as the test left it: forms answered in place change no URL.
      if (!page.isClosed() && ours(page.url())) await captureAndScan(page, page.url(), lastMark)
      for (const url of [...missed]) {
        if (scanned.has(url)) continue
        const again = await context.newPage()
        await trackNavigations(again)
        await again.goto(url)
        await captureAndScan(again, again.url())
        await scans
        await again.close()
      }
      await scans
      await scanner.close()

      const unique = [...new Map(axeViolations.map((v) => [`${v.url} ${v.id}`, v])).values()]
      if (unique.length) await testInfo.attach('axe-violations', { body: JSON.stringify(unique, null, 2), contentType: 'application/json' })
      expect(unique, 'pages must pass an axe scan').toEqual([])
      expect(problems, 'no CSP violations or uncaught errors').toEqual([])
    },
    // The scans finish after the test's own steps: they get a budget of their
    // own (a minute) instead of eating into the test's 30 s on a busy machine.
    { scope: 'test', timeout: 60_000 },
  ],
})

export { expect }
