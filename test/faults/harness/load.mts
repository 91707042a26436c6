// HTTP load for the fault suite: a keep-alive client whose requests never
// throw (a refused connection, a reset or a timeout is an answer with status
// 0), a closed loop for the floor, and an open loop that sends on schedule
// whether or not earlier requests were answered, latency counted from each
// request's scheduled time (as scripts/bench/validate.mts does).
import http from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'

export type Answer = { status: number; body: string; headers: http.IncomingHttpHeaders; ms: number; error?: string }

export type HttpClient = {
  request(method: 'GET' | 'POST', path: string, options?: { json?: unknown; headers?: Record<string, string> }): Promise<Answer>
  close(): void
}

export function createClient({ base, maxSockets = 64, timeoutMs = 15_000 }: { base: string; maxSockets?: number; timeoutMs?: number }): HttpClient {
  // Idle sockets are closed on our side (4 s) before the server's keep-alive
  // timeout (5 s) can close one under a request being sent on it.
  const agent = new http.Agent({ keepAlive: true, maxSockets, timeout: 4000 })
  return {
    request(method, path, { json, headers = {} } = {}) {
      const body = json === undefined ? undefined : JSON.stringify(json)
      const began = performance.now()
      return new Promise<Answer>((resolve) => {
        let settled = false
        const settle = (answer: Omit<Answer, 'ms'>) => {
          if (settled) return
          settled = true
          resolve({ ...answer, ms: performance.now() - began })
        }
        const request = http.request(
          `${base}${path}`,
          { method, agent, headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) }) } },
          (response) => {
            let text = ''
            response.setEncoding('utf8')
            response.on('data', (chunk: string) => (text += chunk))
            response.on('end', () => settle({ status: response.statusCode ?? 0, body: text, headers: response.headers }))
            response.on('error', (error) => settle({ status: 0, body: '', headers: {}, error: error.message }))
          },
        )
        // A request that takes longer than this counts as hung.
        request.setTimeout(timeoutMs, () => {
          request.destroy(new Error(`no answer within ${timeoutMs} ms`))
        })
        request.on('error', (error: NodeJS.ErrnoException) => settle({ status: 0, body: '', headers: {}, error: error.code ?? error.message }))
        request.end(body)
      })
    },
    close: () => agent.destroy(),
  }
}

/**
 * The load shedder's 503 ("busy", scripts/server/shed-load.mjs): the server
 * protecting itself on a crowded machine, not the fault under test. Counted
 * as a client error; judged by the overload case.
 */
export const isShed = (body: string): boolean => body.includes('The portal is busy')

export type Sample = { due: number; latency: number; status: number; error?: string }

/** `connections` loops, each sending its next request when the last was answered. Returns answers per second. */
export async function closedLoop({ seconds, connections, send }: { seconds: number; connections: number; send: () => Promise<Answer> }): Promise<{ rate: number; answers: Answer[] }> {
  const answers: Answer[] = []
  const start = performance.now()
  const until = start + seconds * 1000
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) answers.push(await send())
    }),
  )
  return { rate: answers.length / ((performance.now() - start) / 1000), answers }
}

/**
 * Offers `rate` requests a second until `until()` says stop (checked before
 * each request). Each sample's latency runs from its scheduled time.
 */
export async function openLoop({
  rate,
  until,
  send,
  onSample,
}: {
  rate: number
  until: (elapsedMs: number) => boolean
  send: (index: number) => Promise<Answer>
  onSample?: (sample: Sample) => void
}): Promise<Sample[]> {
  const samples: Sample[] = []
  const pending: Promise<void>[] = []
  const start = performance.now()
  for (let i = 0; ; i++) {
    const due = start + (i * 1000) / rate
    if (until(due - start)) break
    const wait = due - performance.now()
    if (wait > 1) await sleep(wait)
    pending.push(
      send(i).then((answer) => {
        const sample = { due, latency: performance.now() - due, status: answer.status, error: answer.error }
        samples.push(sample)
        onSample?.(sample)
      }),
    )
    // A failure of the load itself (not an answer of the portal's) ends the run loudly, but only once everything sent is settled.
    pending.at(-1)!.catch(() => undefined)
  }
  await Promise.all(pending)
  return samples
}

export const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

/**
 * Health at saturation: the floor the other rates are derived from (as
 * bench:validate does), counted in 200s. A quick 503 from the load shedder
 * is the server saying it is behind (on a crowded machine, even at 32
 * connections): it is not counted, and is no failure.
 */
export async function measureFloor(client: HttpClient, { seconds = 3, connections = 32 } = {}): Promise<number> {
  await closedLoop({ seconds: 1, connections, send: () => client.request('GET', '/api/v1/health') })
  const began = performance.now()
  const { answers } = await closedLoop({ seconds, connections, send: () => client.request('GET', '/api/v1/health') })
  const bad = answers.filter((a) => a.status !== 200 && !(a.status === 503 && a.body.includes('"error":"unavailable"')))
  if (bad.length) throw new Error(`health answered ${bad[0]!.status || bad[0]!.error} ${bad[0]!.body} (${bad.length} of ${answers.length}) while measuring the floor`)
  return answers.filter((a) => a.status === 200).length / ((performance.now() - began) / 1000)
}
