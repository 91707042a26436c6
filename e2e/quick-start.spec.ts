import net from 'node:net'
import os from 'node:os'
import { expect, test } from './fixtures'
import { startExtraServer, type ExtraServer } from './helpers/extra-server'

// Quick-start mode (APP_URL on localhost) against a deployment: what each
// exposes and where it listens. Servers of their own, from the same build;
// one run is enough (desktop).
test.describe.configure({ mode: 'serial' })
test.skip(({ isMobile }) => isMobile, 'server behaviour: one run is enough')

let quickStart: ExtraServer
test.beforeAll(async () => {
  // `npm start` on a laptop: no SMTP_URL, so mail stays in the local outbox.
  quickStart = await startExtraServer({})
})
test.afterAll(async () => {
  await quickStart?.stop()
})

/** This machine's addresses that are not loopback: where a colleague on the network would connect. */
const externalAddresses = () =>
  Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && a.family === 'IPv4')
    .map((a) => a!.address)

const connects = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host, port })
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })

test('[MAIL] the development outbox lists each email and shows both parts', async ({ page }) => {
  const added = quickStart.cli(['user', 'add', '--username', 'outbox-reader', '--email', 'outbox-reader@example.com', '--name', 'Olive Reader'])
  expect(added.code, added.stderr).toBe(0)
  expect(quickStart.cli(['invite', 'outbox-reader']).code).toBe(0)

  await page.goto(`${quickStart.baseURL}/dev/mail`)
  await expect(page.getByRole('heading', { level: 1, name: 'Mail outbox' })).toBeVisible()
  const row = page.getByRole('row').filter({ hasText: 'outbox-reader@example.com' })
  await expect(row).toContainText('queued')
  await row.getByRole('link', { name: /^Set up your sign-in token/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: /^Set up your sign-in token/ })).toBeVisible()
  await expect(page.getByText('Hello Olive Reader, set up your sign-in token')).toBeVisible()
  await page.getByRole('link', { name: 'View the HTML part' }).click()
  await expect(page.getByRole('link', { name: 'Set up my token' })).toBeVisible()
})

test('[SECURITY] quick-start mode listens on this computer only', async () => {
  const port = Number(new URL(quickStart.baseURL).port)
  expect(await connects('127.0.0.1', port)).toBe(true)
  const outside = externalAddresses()
  test.skip(outside.length === 0, 'this machine has no network interface besides loopback')
  for (const address of outside) expect(await connects(address, port), address).toBe(false)
})

test('[SECURITY] the mail viewer does not exist with SMTP_URL set, nor in a deployment', async ({ request }) => {
  // The suite's main server sends mail to a real SMTP server.
  expect((await request.get('/dev/mail')).status()).toBe(404)
  // A deployment (APP_URL is not localhost) without SMTP_URL: still none. It
  // listens on loopback here (HOST) only so the test exposes nothing.
  const deployed = await startExtraServer({ APP_URL: 'https://portal.example.test', HOST: '127.0.0.1' })
  try {
    expect((await request.get(`${deployed.baseURL}/dev/mail`)).status()).toBe(404)
    expect((await request.get(`${deployed.baseURL}/dev/mail/x/html`)).status()).toBe(404)
    expect((await request.get(`${deployed.baseURL}/api/v1/health`)).status()).toBe(200)
  } finally {
    await deployed.stop()
  }
})

test('[SECURITY] a deployment refuses to start without its secrets', async () => {
  await expect(startExtraServer({ APP_URL: 'https://portal.example.test', HOST: '127.0.0.1', HASH_PEPPER: '' })).rejects.toThrow(
    /HASH_PEPPER is not set: it is required for a deployment/,
  )
})
