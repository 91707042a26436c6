import { apiAnswer, badRequestAnswer, rateLimitedAnswer, unauthorizedAnswer, unavailableAnswer, type TValidateAnswer } from '@/lib/api'
import { authenticateApiClient } from '@/lib/api-clients'
import { isDatabaseUnavailable } from '@/lib/db'
import { isAppError } from '@/lib/errors'
import { readBoundedJson, requestContext } from '@/lib/http'
import { parseClientIp, validatePasscode, ZValidateRequest } from '@/lib/validate'

// POST /api/v1/validate — the gateway contract (README, "Connecting a gateway";
// described in lib/api/api-operations.ts). Authorize → validate → act →
// respond. Every rejection has the same body, whatever the reason; the reason
// is in the audit log only. A database that is down or full is a 503 (the
// gateway fails over), never a reject and never a hanging request.

const ACCEPT: TValidateAnswer = { result: 'accept' }
const REJECT: TValidateAnswer = { result: 'reject', message: 'Access denied' }

export async function POST(request: Request) {
  try {
    return await decide(request)
  } catch (error) {
    if (isDatabaseUnavailable(error)) return unavailableAnswer()
    throw error
  }
}

async function decide(request: Request): Promise<Response> {
  // The connection's address (TRUSTED_PROXIES applied by the server) decides
  // the key's allow-list; the body's clientIp is the end user's, for the log.
  const context = requestContext(request.headers)
  const client = await authenticateApiClient({ authorization: request.headers.get('authorization'), address: context.ip, userAgent: context.userAgent })
  if (!client) return unauthorizedAnswer()

  const body = await readBoundedJson(request, 8 * 1024)
  if (!body.ok) return badRequestAnswer(body.problem === 'too-large' ? 'The body is too large' : 'The body must be JSON')
  const parsed = ZValidateRequest.safeParse(body.value)
  if (!parsed.success) return badRequestAnswer('Send {"username": string, "passcode": string, "clientIp"?: string}')

  try {
    const outcome = await validatePasscode({
      username: parsed.data.username,
      passcode: parsed.data.passcode,
      client,
      context: { ip: parseClientIp(parsed.data.clientIp) ?? context.ip, userAgent: context.userAgent },
    })
    if (outcome.exclusionRuleId) return apiAnswer(200, { result: 'accept', mfa: 'excluded', exclusionRuleId: outcome.exclusionRuleId } satisfies TValidateAnswer)
    return apiAnswer(200, outcome.result === 'accept' ? ACCEPT : REJECT)
  } catch (error) {
    if (isAppError(error) && error.code === 'RATE_LIMITED') return rateLimitedAnswer(error.retryAfterSeconds)
    throw error
  }
}
