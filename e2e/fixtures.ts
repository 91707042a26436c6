import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Page } from '@playwright/test'

type Violation = { url: string; id: string; help: string; targets: string[] }

type Fixtures = {
  /** Accessibility violations found on every page this test loaded. */
  axeViolations: Violation[]
}

// An email's HTML, shown as its own document by the dev mail viewer, lives
// in mail clients that have no landmarks; every WCAG rule still applies.
const EMAIL_DOCUMENT = /\/dev\/mail\/[^/]+\/html$/

async function scan(page: Page): Promise<Violation[]> {
  const builder = new AxeBuilder({ page })
    // Only violations are read; skipping the detail of passes makes a scan
    // several times faster. (options() replaces earlier settings: call it first.)
    .options({ resultTypes: ['violations'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
  if (EMAIL_DOCUMENT.test(new URL(page.url()).pathname)) builder.disableRules(['landmark-one-main', 'region'])
  const results = await builder.analyze()
  return results.violations.map((v) => ({
    url: page.url(),
    id: v.id,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }))
}

/**
 * Every test gets a page that is scanned with axe each time a document
 * finishes loading, and watched for CSP violations and uncaught errors. A
 * scan cut short by the next navigation is redone at the end on a fresh
 * visit of the same URL, so no page goes unscanned.
 */
export const test = base.extend<Fixtures>({
  axeViolations: async ({}, provide) => {
    await provide([])
  },
  page: async ({ page, axeViolations, javaScriptEnabled }, provide, testInfo) => {
    if (javaScriptEnabled === false) {
      // axe runs as a script in the page; the same pages are scanned by the
      // tests that run with JavaScript.
      const problems: string[] = []
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
      await provide(page)
      expect(problems, 'no uncaught errors').toEqual([])
      return
    }
    const problems: string[] = []
    const missed = new Set<string>()
    const scans: Promise<void>[] = []
    let lastScannedUrl = ''

    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(`CSP: ${msg.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('load', () => {
      const url = page.url()
      if (!url.startsWith('http') || !url.includes('127.0.0.1')) return
      lastScannedUrl = url
      scans.push(
        scan(page).then(
          (v) => void axeViolations.push(...v),
          () => void missed.add(url),
        ),
      )
    })

    await provide(page)

    await Promise.all(scans)
    if (!page.isClosed() && page.url().startsWith('http') && page.url() !== lastScannedUrl) {
      // The page as the test left it, when it got there without a full load.
      await scan(page).then((v) => void axeViolations.push(...v), () => undefined)
    }
    for (const url of missed) {
      const again = await page.context().newPage()
      await again.goto(url)
      axeViolations.push(...(await scan(again)))
      await again.close()
    }

    const unique = [...new Map(axeViolations.map((v) => [`${v.url} ${v.id}`, v])).values()]
    if (unique.length) await testInfo.attach('axe-violations', { body: JSON.stringify(unique, null, 2), contentType: 'application/json' })
    expect(unique, 'pages must pass an axe scan').toEqual([])
    expect(problems, 'no CSP violations or uncaught errors').toEqual([])
  },
})

export { expect }
