import 'server-only'
import type { ApiClientIdentity } from '@/lib/api-clients'
import { AppError } from '@/lib/errors'
import { consumeRateLimit } from '@/lib/rate-limit'
import { VALIDATE_LIMITS } from '@/lib/validate'
import type { TCheckAnswer } from './api-schemas'
import { APP_VERSION } from './app-version'

/**
 * A gateway's "check connection" (GET /api/v1/check): it reached the portal
 * and its key is valid (the caller authenticated it), and it learns our clock
 * and version. The clock matters: TOTP codes follow it, so a gateway whose
 * clock is off by more than a step sees good codes rejected. Counted per
 * client like validation, on a counter of its own so that checking never
 * uses up a gateway's validation allowance.
 */
export async function checkConnection({ client, now = new Date() }: { client: ApiClientIdentity; now?: Date }): Promise<TCheckAnswer> {
  const limit = await consumeRateLimit({ key: `check:client:${client.id}`, ...VALIDATE_LIMITS.client, now })
  if (!limit.allowed) throw new AppError('RATE_LIMITED', 'Too many requests', { retryAfterSeconds: limit.retryAfterSeconds })
  return { status: 'ok', serverTime: now.toISOString(), version: APP_VERSION }
}
