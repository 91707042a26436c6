import { expect, test } from './fixtures'
import { invitedUser } from './helpers/enrollment'

function expectStrictHeaders(headers: Record<string, string>) {
  const csp = headers['content-security-policy'] ?? ''
  const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? ''
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/)
  expect(scriptSrc).not.toContain('unsafe-inline')
  expect(scriptSrc).not.toContain('unsafe-eval')
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).toContain("object-src 'none'")
  expect(csp).toContain("base-uri 'none'")
  expect(headers['referrer-policy']).toBe('no-referrer')
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['x-frame-options']).toBe('DENY')
  expect(headers['permissions-policy']).toContain('camera=()')
  expect(headers['permissions-policy']).toContain('geolocation=()')
  expect(headers['x-powered-by']).toBeUndefined()
  // APP_URL is http in tests: no HSTS (it would pin localhost to https).
  expect(headers['strict-transport-security']).toBeUndefined()
}

test('[SECURITY] pages carry strict headers and a fresh script nonce on every response', async ({ page }) => {
  const first = await page.goto('/')
  const headers = first!.headers()
  expectStrictHeaders(headers)

  // Every inline script Next.js rendered carries this response's nonce.
  const nonce = /'nonce-([^']+)'/.exec(headers['content-security-policy'] ?? '')?.[1]
  const scriptNonces = await page.locator('script').evaluateAll((els) => els.map((el) => (el as HTMLScriptElement).nonce))
  expect(scriptNonces.length).toBeGreaterThan(0)
  for (const n of scriptNonces) expect(n).toBe(nonce)

  const second = await page.goto('/enroll')
  const nonce2 = /'nonce-([^']+)'/.exec(second!.headers()['content-security-policy'] ?? '')?.[1]
  expect(nonce2).not.toBe(nonce)
})

test('[SECURITY] API responses, static files and not-found pages carry the same headers', async ({ request, page }) => {
  expectStrictHeaders((await request.get('/api/v1/health')).headers())
  expectStrictHeaders((await request.get('/logo.svg')).headers())
  expectStrictHeaders((await request.get('/no-such-page')).headers())

  await page.goto('/')
  const asset = await page.locator('script[src^="/_next/static/"]').first().getAttribute('src')
  expect(asset).toBeTruthy()
  expectStrictHeaders((await request.get(asset!)).headers())
})

test('[SECURITY] injected markup cannot run script: no inline handlers, no parser-inserted scripts', async ({ context }) => {
  // A page of its own: the blocked scripts are the point here, not a failure.
  const page = await context.newPage()
  const blocked: string[] = []
  page.on('console', (msg) => void (/Content Security Policy/.test(msg.text()) && blocked.push(msg.text())))
  await page.goto('/')

  // Each attempt is over once the browser reports the blocked script (and
  // it would have run by then if allowed): wait for that report, not a time.
  const blockedReport = () => page.waitForEvent('console', (msg) => /Content Security Policy/.test(msg.text()))

  // The classic payload: markup with an inline event handler.
  let report = blockedReport()
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend', '<img src="/no-such-image" onerror="window.injectedRan = true">')
  })
  await report
  expect(await page.evaluate(() => (window as unknown as { injectedRan?: boolean }).injectedRan === true)).toBe(false)

  // A parser-inserted inline script without the nonce.
  report = blockedReport()
  await page.evaluate(() => {
    document.open()
    document.write('<!doctype html><p>replaced</p><script>window.injectedRan = true</script>')
    document.close()
  })
  await report
  expect(await page.evaluate(() => (window as unknown as { injectedRan?: boolean }).injectedRan === true)).toBe(false)
  expect(blocked.length).toBeGreaterThanOrEqual(2)
})

test('[SECURITY] a form posted from another site is refused, and nothing changes', async ({ page, request }) => {
  const { link } = await invitedUser('csrf')
  const token = link.split('/').pop()!
  // What a hostile page's auto-submitting form would send: the Start form's own fields, action id included.
  const html = await (await request.get(link)).text()
  const actionField = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(html)?.[1]
  expect(actionField).toBeTruthy()
  const attempts: Record<string, string>[] = [
    { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    { Origin: 'null', 'Sec-Fetch-Site': 'cross-site' },
    { Origin: 'null' },
    { Origin: 'https://evil.example' },
  ]
  for (const headers of attempts) {
    const response = await request.post(link, { headers, multipart: { [actionField!]: '', token, type: 'TOTP' }, maxRedirects: 0 })
    expect(response.status(), JSON.stringify(headers)).toBe(403)
    expect(await response.text()).toBe('This form was sent from another site, so it was refused. Open the page again and retry.')
    expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'")
  }
  // The link is untouched: still at its start page, no token created.
  await page.goto(link)
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible()

  // Control: the very same post, as the browser sends it from our own page, works.
  const ours = await request.post(link, { headers: { Origin: 'null', 'Sec-Fetch-Site': 'same-origin' }, multipart: { [actionField!]: '', token, type: 'TOTP' }, maxRedirects: 0 })
  expect(ours.status()).toBe(303)
  expect(ours.headers()['location']).toContain(`/enroll/${token}/app`)
})

test('[SECURITY] a public form post over 1 MB is refused before the server reads it, and nothing changes', async ({ page, request }) => {
  const { link } = await invitedUser('bigpost')
  const token = link.split('/').pop()!
  const html = await (await request.get(link)).text()
  const actionField = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(html)?.[1]
  expect(actionField).toBeTruthy()
  // The Start form's own post, padded past 1 MB (only admin uploads with a staff session may be larger).
  const response = await request.post(link, {
    headers: { Origin: 'null', 'Sec-Fetch-Site': 'same-origin' },
    multipart: { [actionField!]: '', token, type: 'TOTP', padding: 'x'.repeat(1024 * 1024 + 1) },
    maxRedirects: 0,
  })
  expect(response.status()).toBe(413)
  expect(await response.text()).toBe('This form sent more than the portal accepts (at most 1 MB). Go back and send less.')
  expect(response.headers()['x-content-type-options']).toBe('nosniff')
  await page.goto(link)
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible()
})
