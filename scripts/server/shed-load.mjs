// Load shedding at the door: a request is answered 503 at once, instead of
// joining a queue, when the server is already behind. Plain JavaScript,
// like client-address.mjs: the server runs without a TypeScript loader.
//
// Why: a server that takes every request it is offered serves each one
// later the more it is offered. Past its capacity its queue, its memory and
// every answer's delay grow for as long as the burst lasts, and it keeps
// serving requests whose callers gave up long ago (a RADIUS server waits
// 10 s, README); after the burst it needs as long again to drain. A quick
// 503 costs a fraction of a millisecond, tells a gateway to fail over, and
// keeps the requests it does take as fast as on a normal day.
//
// "Behind" is measured two ways, because requests queue in two places:
// - in the server: more than `maxInFlight` requests in progress (requests
//   waiting on the database, say);
// - before the server: the event loop has not come round for `maxLagMs`.
//   When the work is CPU-bound (SQLite answers synchronously), each request
//   finishes in the same turn of the loop that read it, so the in-flight
//   count stays low while thousands of requests wait, unread, in the
//   kernel's socket buffers. The loop's lateness is how long they wait: a
//   timer notes each turn, and a request read long after the last one was
//   read in a turn that is already running late.

export const SHED_RETRY_AFTER_SECONDS = 1
const TICK_MS = 10

const API_BODY = JSON.stringify({ error: 'unavailable', message: 'The portal is busy; retry in a moment' })
const PAGE_BODY = 'The portal is busy right now. Please try again in a moment.'

/**
 * A gate for `maxInFlight` requests at once and an event loop at most
 * `maxLagMs` late (0: no limit, for either). `admit(request, response)`
 * counts the request until its response is finished or its connection
 * closes and returns true, or answers 503 itself and returns false.
 * `stop()` ends the lag timer.
 */
export function loadShedder({ maxInFlight, maxLagMs = 0 }) {
  const now = () => performance.now()
  let inFlight = 0
  let shed = 0
  let lastTurn = now()
  const timer = maxLagMs > 0 ? setInterval(() => (lastTurn = now()), TICK_MS) : null
  timer?.unref()
  const behind = () => (maxInFlight > 0 && inFlight >= maxInFlight) || (maxLagMs > 0 && now() - lastTurn > maxLagMs + TICK_MS)
  return {
    inFlight: () => inFlight,
    shed: () => shed,
    stop: () => timer && clearInterval(timer),
    /** @param {import('node:http').IncomingMessage} request @param {import('node:http').ServerResponse} response */
    admit(request, response) {
      if (behind()) {
        shed++
        const api = (request.url ?? '').startsWith('/api/')
        response.writeHead(503, {
          'Content-Type': api ? 'application/json' : 'text/plain; charset=utf-8',
          'Cache-Control': 'no-store',
          'Retry-After': String(SHED_RETRY_AFTER_SECONDS),
          'X-Content-Type-Options': 'nosniff',
        })
        response.end(api ? API_BODY : PAGE_BODY)
        return false
      }
      inFlight++
      response.once('close', () => inFlight--)
      return true
    },
  }
}
