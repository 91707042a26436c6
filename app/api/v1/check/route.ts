import { apiAnswer, checkConnection, rateLimitedAnswer, unauthorizedAnswer, unavailableAnswer } from '@/lib/api'
import { authenticateApiClient } from '@/lib/api-clients'
import { isDatabaseUnavailable } from '@/lib/db'
import { isAppError } from '@/lib/errors'
import { requestContext } from '@/lib/http'

export const dynamic = 'force-dynamic'

// GET /api/v1/check — a gateway's "check connection": the URL reaches the
// portal, the key is valid, and here are our clock and version. Authorize →
// act → respond; the 401 is validate's, so a gateway meets one shape.
export async function GET(request: Request) {
  try {
    const context = requestContext(request.headers)
    const client = await authenticateApiClient({ authorization: request.headers.get('authorization'), address: context.ip, userAgent: context.userAgent })
    if (!client) return unauthorizedAnswer()
    return apiAnswer(200, await checkConnection({ client }))
  } catch (error) {
    if (isAppError(error) && error.code === 'RATE_LIMITED') return rateLimitedAnswer(error.retryAfterSeconds)
    // The database is down or full: the gateway should see this portal as down, as with validate.
    if (isDatabaseUnavailable(error)) return unavailableAnswer()
    throw error
  }
}
