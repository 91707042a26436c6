import type { APIRequestContext } from '@playwright/test'
import { expect, test } from './fixtures'
import { startExtraServer, type ExtraServer } from './helpers/extra-server'
import { queryDbOf } from './helpers/server-db'

// Where the client address comes from: the connection, unless a proxy named
// in TRUSTED_PROXIES vouches for X-Forwarded-For. Servers of their own, so
// the per-address limit they exhaust is theirs alone; one run is enough.
test.describe.configure({ mode: 'serial' })
test.skip(({ isMobile }) => isMobile, 'server behaviour: one run is enough')

/** "Send me a new link" as the browser posts the form without JavaScript; returns where it sends the person. */
async function requestLink(request: APIRequestContext, server: ExtraServer, identifier: string, forwardedFor: string): Promise<string> {
  const page = await (await request.get(`${server.baseURL}/enroll/request`)).text()
  const actionField = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(page)?.[1]
  if (!actionField) throw new Error('no form on /enroll/request')
  const response = await request.post(`${server.baseURL}/enroll/request`, {
    headers: { Origin: 'null', 'Sec-Fetch-Site': 'same-origin', 'X-Forwarded-For': forwardedFor },
    multipart: { [actionField]: '', identifier },
    maxRedirects: 0,
  })
  expect(response.status()).toBe(303)
  return decodeURIComponent(response.headers()['location'] ?? '')
}

const spoofed = (i: number) => `198.51.100.${i + 1}`

test('[SECURITY] a spoofed X-Forwarded-For neither escapes the per-address limit nor reaches the audit log', async ({ request }) => {
  const server = await startExtraServer({})
  try {
    for (let i = 0; i < 30; i++) expect(await requestLink(request, server, `someone-${i}`, spoofed(i))).toMatch(/\/enroll\/request\/sent$/)
    // A 31st from the same machine, claiming yet another address: refused all the same.
    expect(await requestLink(request, server, 'someone-30', spoofed(30))).toMatch(/\/enroll\/request\?error=Too many requests\. Please wait \d+ minutes/)
    await expect.poll(() => queryDbOf<{ n: number }>(server, `SELECT count(*) AS "n" FROM "EnrollmentRequest"`)[0]!.n, { timeout: 20_000 }).toBe(0)
    const addresses = queryDbOf<{ ip: string | null }>(server, `SELECT DISTINCT "ip" FROM "AuditEvent" WHERE "action" LIKE 'invitation.request%'`)
    expect(addresses.map((a) => a.ip)).toEqual(['127.0.0.1'])
  } finally {
    await server.stop()
  }
})

test('[SECURITY] behind a proxy named in TRUSTED_PROXIES, the address it saw is the client’s', async ({ request }) => {
  const server = await startExtraServer({ TRUSTED_PROXIES: '127.0.0.1, ::1' })
  try {
    // Thirty-one people behind the proxy, each under the per-address limit.
    for (let i = 0; i < 31; i++) expect(await requestLink(request, server, `someone-${i}`, spoofed(i))).toMatch(/\/enroll\/request\/sent$/)
    // A client's own X-Forwarded-For entry in front of the proxy's is not believed: the proxy's view (right-most) is.
    await requestLink(request, server, 'someone-else', `203.0.113.66, ${spoofed(99)}`)
    // The server's background jobs handle the requests (and audit them) within a second or so.
    await expect.poll(() => queryDbOf<{ n: number }>(server, `SELECT count(*) AS "n" FROM "EnrollmentRequest"`)[0]!.n, { timeout: 20_000 }).toBe(0)
    const addresses = new Set(queryDbOf<{ ip: string | null }>(server, `SELECT "ip" FROM "AuditEvent" WHERE "action" LIKE 'invitation.request%'`).map((a) => a.ip))
    expect(addresses.has(spoofed(0)) && addresses.has(spoofed(30)) && addresses.has(spoofed(99))).toBe(true)
    expect(addresses.has('203.0.113.66') || addresses.has('127.0.0.1')).toBe(false)
  } finally {
    await server.stop()
  }
})
