// Pure (web-standard Response only): the answers every /api/v1 route shares,
// so a gateway meets one shape for each failure whichever route it calls.
import type { TApiError } from './api-schemas'

const NO_STORE = { 'Cache-Control': 'no-store' }

/** A JSON answer that no cache keeps: every answer is about this moment. */
export function apiAnswer(status: number, body: object, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } })
}

function errorAnswer(status: number, body: TApiError, headers: Record<string, string> = {}): Response {
  return apiAnswer(status, body, headers)
}

export function unauthorizedAnswer(): Response {
  return errorAnswer(401, { error: 'unauthorized', message: 'Send a valid API key: Authorization: Bearer <key>' }, { 'WWW-Authenticate': 'Bearer' })
}

export function badRequestAnswer(message: string): Response {
  return errorAnswer(400, { error: 'bad_request', message })
}

export function rateLimitedAnswer(retryAfterSeconds: number | undefined): Response {
  return errorAnswer(429, { error: 'rate_limited', message: 'Too many requests; retry later' }, { 'Retry-After': String(retryAfterSeconds ?? 60) })
}

/** The database is unreachable or full (or the server is over capacity): nothing was decided; a gateway should fail over. */
export function unavailableAnswer(retryAfterSeconds = 5): Response {
  return errorAnswer(503, { error: 'unavailable', message: 'The portal cannot answer right now; retry in a moment' }, { 'Retry-After': String(retryAfterSeconds) })
}
