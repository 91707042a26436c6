import { randomBytes } from 'node:crypto'
import type { APIRequestContext, APIResponse } from '@playwright/test'
import { expectDocumentedAnswer } from './api-contract'
import { portal } from './portal-cli'
import { runServerScript } from './server-script'

/** An API key for a gateway of this test's own, created with the real CLI. */
export function createApiKey(prefix = 'gw'): { name: string; key: string } {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`
  const result = portal(['apikey', 'create', '--name', name, '--json'])
  if (result.code !== 0) throw new Error(`portal apikey create failed: ${result.stderr}`)
  return { name, key: (JSON.parse(result.stdout) as { key: string }).key }
}

export type SeededToken = { userId: string; tokenId: string; serial: string; secret: string; username: string }

/** A user with an active token and a known PIN (test set-up: see seed-token.mts). */
export function seedToken(pin = '4827', type: 'TOTP' | 'HOTP' = 'TOTP'): SeededToken {
  const username = `gw-${randomBytes(4).toString('hex')}`
  return { ...(JSON.parse(runServerScript('seed-token.mts', [username, pin, type])) as Omit<SeededToken, 'username'>), username }
}

type ApiAnswer = { status: number; headers: Record<string, string>; body: { result?: string; message?: string; error?: string; [field: string]: unknown } }

/** Reads an answer and checks it against the OpenAPI document (helpers/api-contract.ts). */
async function recorded(method: string, path: string, response: APIResponse): Promise<ApiAnswer> {
  const text = await response.text()
  let body: unknown = null
  try {
    body = JSON.parse(text)
  } catch {
    body = text
  }
  const answer = { status: response.status(), headers: response.headers(), body: body as ApiAnswer['body'] }
  await expectDocumentedAnswer({ method, path, ...answer })
  return answer
}

export async function validate(request: APIRequestContext, key: string | null, data: unknown, extraHeaders: Record<string, string> = {}) {
  // Strings are sent as they are (broken JSON included); anything else as JSON.
  const response = await request.post('/api/v1/validate', {
    headers: { 'Content-Type': 'application/json', ...(key ? { Authorization: `Bearer ${key}` } : {}), ...extraHeaders },
    data: typeof data === 'string' ? Buffer.from(data) : data,
  })
  return recorded('POST', '/api/v1/validate', response)
}

/** The gateway's "check connection" (GET /api/v1/check). */
export async function checkConnection(request: APIRequestContext, key: string | null, extraHeaders: Record<string, string> = {}) {
  const response = await request.get('/api/v1/check', { headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...extraHeaders } })
  return recorded('GET', '/api/v1/check', response)
}

/** A keyless GET of the API (health, the OpenAPI document), recorded like the rest. */
export async function getApi(request: APIRequestContext, path: '/api/v1/health' | '/api/v1/openapi.json', headers: Record<string, string> = {}) {
  return recorded('GET', path, await request.get(path, { headers }))
}
