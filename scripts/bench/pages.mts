// npm run bench:pages
// First-load JavaScript (gzipped) of each enrollment page, from the
// production build as served, beside a page with no client components of
// its own (the not-found page: framework and layout only). Goal: each
// enrollment page adds ≤ 15 KB gzipped over that baseline.
import { gzipSync } from 'node:zlib'
import { startBenchServer } from './bench-server.mjs'

const { base, stop } = await startBenchServer()

const { CLI_ACTOR } = await import('../../lib/audit')
const { disconnectDb, getDb } = await import('../../lib/db')
const enrollment = await import('../../lib/enrollment')
const { readMailBody } = await import('../../lib/mail')
const { generateOtp } = await import('../../lib/otp')
const { readTokenSecret } = await import('../../lib/tokens')
const { addUser } = await import('../../lib/users')

const assetCache = new Map<string, number>()
async function gzippedSize(url: string): Promise<number> {
  if (!assetCache.has(url)) {
    const body = Buffer.from(await (await fetch(url)).arrayBuffer())
    assetCache.set(url, gzipSync(body, { level: 9 }).length)
  }
  return assetCache.get(url)!
}

const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1'

/** Sum of the gzipped script files a first visit loads, and the gzipped HTML. */
let cookie = ''
async function firstLoad(path: string): Promise<{ js: number; html: number; scripts: number }> {
  const response = await fetch(`${base}${path}`, { headers: { 'User-Agent': PHONE, ...(cookie ? { Cookie: cookie } : {}) } })
  const html = await response.text()
  const sources = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, '&'), base).href))]
  const sizes = await Promise.all(sources.map(gzippedSize))
  return { js: sizes.reduce((a, b) => a + b, 0), html: gzipSync(html).length, scripts: sources.length }
}

// One person's journey, driven through lib so each page can be fetched in its state.
await addUser({ input: { username: 'bench', email: 'bench@example.com', displayName: 'Bench Person' }, actor: CLI_ACTOR })
await enrollment.inviteUsers({ usernames: ['bench'], actor: CLI_ACTOR })
const message = await getDb().outboxMessage.findFirstOrThrow({ where: { to: 'bench@example.com' } })
const token = /\/enroll\/([A-Za-z0-9_-]{43})/.exec(readMailBody({ message }).text)![1]!

const rows: [string, Awaited<ReturnType<typeof firstLoad>>][] = []
rows.push(['baseline (not-found page)', await firstLoad('/no-such-page')])
rows.push(['/enroll/[token]  start', await firstLoad(`/enroll/${token}`)])
const started = await enrollment.startEnrollment({ token, browser: null, platform: 'ios' })
if (!started.ok || !started.browser) throw new Error('could not start the enrollment')
const { tokenId } = started
const browser = started.browser.value
// The pages after Start answer only the browser that pressed it.
cookie = `${enrollment.BROWSER_COOKIE}=${browser}`
rows.push(['/enroll/[token]/app', await firstLoad(`/enroll/${token}/app`)])
rows.push(['/enroll/[token]/add', await firstLoad(`/enroll/${token}/add`)])
const secret = readTokenSecret({ token: await getDb().token.findUniqueOrThrow({ where: { id: tokenId } }) })
await enrollment.verifyEnrollmentCode({ token, browser, code: generateOtp({ type: 'TOTP', secret }) })
rows.push(['/enroll/[token]/pin', await firstLoad(`/enroll/${token}/pin`)])
await enrollment.completeEnrollment({ token, browser, pin: '4827', pinConfirm: '4827', name: 'Bench phone' })
rows.push(['/enroll/[token]/done', await firstLoad(`/enroll/${token}/done`)])
rows.push(['/enroll/request', await firstLoad('/enroll/request')])

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const baseline = rows[0]![1].js
console.log('page                          first-load JS (gzip)   over baseline   scripts   HTML (gzip)')
let worst = 0
for (const [name, r] of rows) {
  const over = r.js - baseline
  if (name !== rows[0]![0]) worst = Math.max(worst, over)
  console.log(`${name.padEnd(30)}${kb(r.js).padStart(12)}${(name === rows[0]![0] ? '' : `+${kb(over)}`).padStart(18)}${String(r.scripts).padStart(10)}${kb(r.html).padStart(14)}`)
}
console.log(`largest addition over the baseline: ${kb(worst)} (goal: ≤ 15 KB)`)
await disconnectDb()
stop()
