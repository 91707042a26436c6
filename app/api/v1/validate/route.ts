import { NextResponse } from 'next/server'
import { authenticateApiClient } from '@/lib/api-clients'
import { isAppError } from '@/lib/errors'
import { readBoundedJson, requestContext } from '@/lib/http'
import { parseClientIp, validatePasscode, ZValidateRequest } from '@/lib/validate'

// POST /api/v1/validate — the gateway contract (README, "Connecting a gateway").
// Authorize → validate → act → respond. Every rejection has the same body,
// whatever the reason; the reason is in the audit log only.

const NO_STORE = { 'Cache-Control': 'no-store' }
const REJECT = { result: 'reject', message: 'Access denied' } as const

const answer = (status: number, body: object, extra: Record<string, string> = {}) =>
  NextResponse.json(body, { status, headers: { ...NO_STORE, ...extra } })

export async function POST(request: Request) {
  const client = await authenticateApiClient({ authorization: request.headers.get('authorization') })
  if (!client) return answer(401, { error: 'unauthorized', message: 'Send a valid API key: Authorization: Bearer <key>' }, { 'WWW-Authenticate': 'Bearer' })

  const body = await readBoundedJson(request, 8 * 1024)
  if (!body.ok) return answer(400, { error: 'bad_request', message: body.problem === 'too-large' ? 'The body is too large' : 'The body must be JSON' })
  const parsed = ZValidateRequest.safeParse(body.value)
  if (!parsed.success) {
    return answer(400, { error: 'bad_request', message: 'Send {"username": string, "passcode": string, "clientIp"?: string}' })
  }

  const context = requestContext(request.headers)
  try {
    const outcome = await validatePasscode({
      username: parsed.data.username,
      passcode: parsed.data.passcode,
      client,
      context: { ip: parseClientIp(parsed.data.clientIp) ?? context.ip, userAgent: context.userAgent },
    })
    return answer(200, outcome.result === 'accept' ? { result: 'accept' } : REJECT)
  } catch (error) {
    if (isAppError(error) && error.code === 'RATE_LIMITED') {
      return answer(429, { error: 'rate_limited', message: 'Too many requests; retry later' }, { 'Retry-After': String(error.retryAfterSeconds ?? 60) })
    }
    throw error
  }
}
