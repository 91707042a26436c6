// Load shedding at the door: past a number of requests in progress, a new
// request is answered 503 at once instead of joining the queue. Plain
// JavaScript, like client-address.mjs: the server runs without a TypeScript
// loader.
//
// Why: a server that takes every request it is offered serves each one
// later the more it is offered. Past its capacity its queue, its memory and
// every answer's delay grow for as long as the burst lasts, and it keeps
// serving requests whose callers gave up long ago (a RADIUS server waits
// 10 s, README); after the burst it needs as long again to drain. A quick
// 503 costs a fraction of a millisecond, tells a gateway to fail over, and
// keeps the requests it does take as fast as on a normal day.

export const SHED_RETRY_AFTER_SECONDS = 1

const API_BODY = JSON.stringify({ error: 'unavailable', message: 'The portal is busy; retry in a moment' })
const PAGE_BODY = 'The portal is busy right now. Please try again in a moment.'

/**
 * A gate for `maxInFlight` requests at once (0: no limit). `admit(request,
 * response)` counts the request until its response is finished or its
 * connection closes and returns true, or answers 503 itself and returns false.
 */
export function loadShedder({ maxInFlight }) {
  let inFlight = 0
  let shed = 0
  return {
    inFlight: () => inFlight,
    shed: () => shed,
    /** @param {import('node:http').IncomingMessage} request @param {import('node:http').ServerResponse} response */
    admit(request, response) {
      if (maxInFlight > 0 && inFlight >= maxInFlight) {
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
