import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { loadShedder } from './shed-load.mjs'

let server: http.Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

/** A server whose admitted requests wait until `release()`. */
async function serve(maxInFlight: number) {
  const shedder = loadShedder({ maxInFlight })
  const held: http.ServerResponse[] = []
  let arrived: () => void = () => {}
  server = http.createServer((request, response) => {
    if (!shedder.admit(request, response)) return
    held.push(response)
    arrived()
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()))
  const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`
  return {
    shedder,
    base,
    /** Resolves once `n` requests are being held. */
    holding: (n: number) =>
      new Promise<void>((resolve) => {
        arrived = () => held.length >= n && resolve()
        arrived()
      }),
    release: () => held.splice(0).forEach((r) => r.end('done')),
  }
}

describe('loadShedder', () => {
  it('answers 503 at once past the limit, and admits again once a request is done', async () => {
    const { shedder, base, holding, release } = await serve(2)
    const first = [fetch(`${base}/api/v1/validate`), fetch(`${base}/enroll/x`)]
    await holding(2)
    expect(shedder.inFlight()).toBe(2)

    const api = await fetch(`${base}/api/v1/validate`, { method: 'POST', body: '{}' })
    expect(api.status).toBe(503)
    expect(api.headers.get('retry-after')).toBe('1')
    expect(api.headers.get('cache-control')).toBe('no-store')
    expect(await api.json()).toEqual({ error: 'unavailable', message: 'The portal is busy; retry in a moment' })
    const page = await fetch(`${base}/enroll/x`)
    expect(page.status).toBe(503)
    expect(page.headers.get('content-type')).toContain('text/plain')
    expect(shedder.shed()).toBe(2)

    release()
    expect((await Promise.all(first)).map((r) => r.status)).toEqual([200, 200])
    const again = fetch(`${base}/api/v1/health`)
    await holding(1)
    release()
    expect((await again).status).toBe(200)
  })

  it('counts a request whose client went away as done', async () => {
    const { shedder, base, holding } = await serve(1)
    const abort = new AbortController()
    const gone = fetch(`${base}/api/v1/health`, { signal: abort.signal }).catch(() => 'aborted')
    await holding(1)
    abort.abort()
    expect(await gone).toBe('aborted')
    for (let i = 0; shedder.inFlight() > 0 && i < 100; i++) await new Promise((r) => setTimeout(r, 10))
    expect(shedder.inFlight()).toBe(0)
  })

  it('sheds while the event loop runs late (requests wait unread), and admits again once it has caught up', async () => {
    const shedder = loadShedder({ maxInFlight: 0, maxLagMs: 50 })
    const answered: number[] = []
    const fake = () => {
      const response = { writeHead: (status: number) => answered.push(status), end: () => {}, once: () => {} }
      return [{ url: '/api/v1/validate' }, response] as unknown as Parameters<typeof shedder.admit>
    }
    try {
      await new Promise((resolve) => setTimeout(resolve, 30))
      expect(shedder.admit(...fake())).toBe(true)
      // One long turn of the loop, as when thousands of requests are read at once.
      for (const until = performance.now() + 200; performance.now() < until; );
      expect(shedder.admit(...fake())).toBe(false)
      expect(answered).toEqual([503])
      await new Promise((resolve) => setTimeout(resolve, 30))
      expect(shedder.admit(...fake())).toBe(true)
      expect(shedder.shed()).toBe(1)
    } finally {
      shedder.stop()
    }
  })

  it('has no limit at 0', async () => {
    const { shedder, base, holding, release } = await serve(0)
    const many = Array.from({ length: 20 }, () => fetch(`${base}/api/v1/health`))
    await holding(20)
    release()
    expect((await Promise.all(many)).every((r) => r.status === 200)).toBe(true)
    expect(shedder.shed()).toBe(0)
  })
})
