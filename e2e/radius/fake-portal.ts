import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A stand-in for the portal that answers POST /api/v1/validate the way a
 * failing, slow or changed portal might, chosen by the passcode sent, and
 * records every request exactly as it arrived. It shows what FreeRADIUS does
 * with answers the real portal gives only on a bad day.
 */
export const FAKE_ANSWERS: Record<string, { status: number; body?: string; contentType?: string; headers?: Record<string, string> } | 'hang'> = {
  accept: { status: 200, body: '{"result":"accept"}' },
  'reject-custom': { status: 200, body: '{"result":"reject","message":"Your token is locked; call the helpdesk"}' },
  'accepted-typo': { status: 200, body: '{"result":"accepted"}' },
  'accept-as-html': { status: 200, body: '<p>{"result":"accept"}</p>', contentType: 'text/html' },
  'empty-200': { status: 200, body: '' },
  'status-400': { status: 400, body: '{"error":"bad_request","message":"The body must be JSON"}' },
  'status-429': { status: 429, body: '{"error":"rate_limited","message":"Too many requests; retry later"}', headers: { 'Retry-After': '42' } },
  'status-401': { status: 401, body: '{"error":"unauthorized","message":"Send a valid API key: Authorization: Bearer <key>"}', headers: { 'WWW-Authenticate': 'Bearer' } },
  'status-403': { status: 403, body: '{"result":"accept"}' },
  'status-302': { status: 302, headers: { Location: '/elsewhere' } },
  'status-500': { status: 500, body: '{"result":"accept"}' },
  'status-503': { status: 503, body: '' },
  hang: 'hang',
}

export type SeenRequest = { method: string; url: string; authorization: string | undefined; contentType: string | undefined; body: unknown }

export async function startFakePortal(): Promise<{ baseURL: string; seen: SeenRequest[]; stop: () => Promise<void> }> {
  const seen: SeenRequest[] = []
  const server = http.createServer((request, response) => {
    let raw = ''
    request.setEncoding('utf8').on('data', (chunk: string) => (raw += chunk))
    request.on('end', () => {
      let body: unknown = raw
      try {
        body = JSON.parse(raw)
      } catch {
        // kept as text
      }
      seen.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, contentType: request.headers['content-type'], body })
      const passcode = (body as { passcode?: unknown } | null)?.passcode
      const answer = FAKE_ANSWERS[typeof passcode === 'string' ? passcode : ''] ?? { status: 200, body: '{"result":"reject","message":"Access denied"}' }
      if (answer === 'hang') return
      response.writeHead(answer.status, { 'Content-Type': answer.contentType ?? 'application/json', ...answer.headers })
      response.end(answer.body ?? '')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    stop: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
