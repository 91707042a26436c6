import AxeBuilder from '@axe-core/playwright'
import type { BrowserContext, Page } from '@playwright/test'

export type Violation = { url: string; id: string; help: string; targets: string[] }

/** A page's document at one settled moment, with its scripts taken out; `mark` names that moment. */
export type Snapshot = { url: string; html: string; mark: string }

declare global {
  interface Window {
    __settle?: { id: string; tick: number; urlTick: number; titleTick: number }
  }
}

/**
 * Installed in every document before its own scripts run: counts when the
 * URL last changed, when the <title> last changed, and when anything last
 * changed. A client-side navigation (a Link, or a server action's
 * redirect()) pushes the new URL first and mounts the new page's <title>
 * afterwards; after a redirect() the old title is removed and the new one
 * added about 10 ms later, with no <title> at all in between. A page is
 * settled, as a screen reader would announce it, once its title has changed
 * since its URL did.
 */
function trackSettling() {
  const state = { id: Math.random().toString(36).slice(2), tick: 0, urlTick: 0, titleTick: 0 }
  window.__settle = state
  // A jump to a fragment (#main) stays on the same page and title.
  const page = () => location.href.split('#')[0]
  let href = page()
  const urlMayHaveChanged = () => {
    if (page() === href) return
    href = page()
    state.urlTick = ++state.tick
  }
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method]
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args)
      urlMayHaveChanged()
    }
  }
  addEventListener('popstate', urlMayHaveChanged)
  addEventListener('hashchange', urlMayHaveChanged)
  const inTitle = (node: Node | null) => !!node && (node.nodeName === 'TITLE' || node.parentNode?.nodeName === 'TITLE')
  new MutationObserver((records) => {
    ++state.tick
    if (records.some((r) => inTitle(r.target) || [...r.addedNodes, ...r.removedNodes].some(inTitle))) state.titleTick = state.tick
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true })
}

export async function trackNavigations(page: Page) {
  await page.addInitScript(trackSettling)
}

/**
 * Copies the page once it is settled at `url`: fully loaded, with a title
 * that arrived after the URL. The check and the copy happen in one task of
 * the page's event loop, so the copy is of one consistent moment, whatever
 * the test does next. Returns `left` when the page moved to another URL
 * before settling, `unchanged` when nothing changed since the snapshot
 * `since` names, and the page as it is when it never gets a title there
 * within `timeout` (a page that really lacks one is reported, not skipped).
 */
export async function captureSettled(page: Page, url: string, { timeout = 5_000, since = '' } = {}): Promise<Snapshot | 'left' | 'unchanged'> {
  type Copy = { html: string; mark: string } | 'left' | 'unchanged' | null
  const copy = ([wanted, unchangedMark, settledOnly]: [string, string, boolean]): Copy => {
    if (location.href !== wanted) return 'left'
    const s = window.__settle
    if (settledOnly && (document.readyState !== 'complete' || !document.title || !s || s.titleTick <= s.urlTick)) return null
    const mark = s ? `${s.id}:${s.tick}` : ''
    if (mark && mark === unchangedMark) return 'unchanged'
    const root = document.documentElement.cloneNode(true) as HTMLElement
    // Scripts would run again in the copy and change it; axe needs none of them.
    root.querySelectorAll('script, link[rel="modulepreload"], link[as="script"]').forEach((e) => e.remove())
    return { html: `<!DOCTYPE html>${root.outerHTML}`, mark }
  }
  let result: Copy
  try {
    result = await (await page.waitForFunction(copy, [url, since, true] as [string, string, boolean], { timeout })).jsonValue()
  } catch (error) {
    if (page.isClosed() || !/Timeout/i.test(String(error))) return 'left'
    result = await page.evaluate(copy, [url, since, false] as [string, string, boolean]).catch(() => 'left' as const)
  }
  if (result === null || result === 'left' || result === 'unchanged') return result ?? 'left'
  return { url, ...result }
}

// An email's HTML, shown as its own document by the dev mail viewer, lives
// in mail clients that have no landmarks; every WCAG rule still applies.
const EMAIL_DOCUMENT = /\/dev\/mail\/[^/]+\/html$/

/**
 * Runs axe on snapshots in a page of its own (same context: same viewport,
 * device and cookies), served at each snapshot's URL so that its stylesheets
 * and images load as they did. Nothing the test does can change it mid-scan.
 * One page per test, created on the first scan.
 */
export function createSnapshotScanner(context: BrowserContext) {
  let page: Page | undefined
  let current: Snapshot | undefined
  // The same document at the same URL gives the same answer: scanned once
  // (a test that is refused twenty pages lands twenty times on one). Nonces
  // differ per response and change nothing axe looks at.
  const seen = new Set<string>()
  return {
    async scan(snapshot: Snapshot): Promise<Violation[]> {
      const key = `${snapshot.url}\n${snapshot.html.replace(/ nonce="[^"]*"/g, '')}`
      if (seen.has(key)) return []
      seen.add(key)
      if (!page) {
        page = await context.newPage()
        // Only the page's own navigation: an iframe's (the email preview) loads from the server as it did.
        await page.route('**/*', (route) =>
          route.request().isNavigationRequest() && route.request().frame() === page!.mainFrame() && current
            ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: current.html })
            : route.continue(),
        )
      }
      current = snapshot
      await page.goto(snapshot.url)
      const builder = new AxeBuilder({ page })
        // Only violations are read; skipping the detail of passes makes a scan
        // several times faster. (options() replaces earlier settings: call it first.)
        .options({ resultTypes: ['violations'] })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      if (EMAIL_DOCUMENT.test(new URL(snapshot.url).pathname)) builder.disableRules(['landmark-one-main', 'region'])
      // A frame sandboxed without scripts (the admin's email preview) cannot
      // host axe: reaching into it would wait for ever. Its email is scanned
      // where it is a document of its own (the dev mail viewer).
      builder.exclude('iframe[sandbox=""]')
      const results = await builder.analyze()
      return results.violations.map((v) => ({ url: snapshot.url, id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }))
    },
    async close() {
      await page?.close()
    },
  }
}
