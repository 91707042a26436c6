import 'server-only'
import { z } from 'zod'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { formatWait } from '@/lib/format'
import { consumeRateLimit } from '@/lib/rate-limit'
import { normalizeUsername } from '@/lib/users'
import { firstIssueMessage } from '@/lib/validation'

export const ZEnrollmentLinkRequest = z.object({
  identifier: z
    .string({ error: 'Enter your username or email address' })
    .trim()
    .min(1, 'Enter your username or email address')
    .max(254, 'That is too long for a username or email address'),
})
export type TEnrollmentLinkRequest = z.input<typeof ZEnrollmentLinkRequest>

// Per account: a person rarely needs more than a couple of links an hour.
// Per client address: generous, since many people can share one office NAT.
/** What a person sees when their request cannot be recorded (the database is full or unreachable). */
export const UNAVAILABLE_MESSAGE = 'The portal cannot take requests right now. Nothing was sent; please try again in a few minutes.'

export const REQUEST_LIMITS = {
  account: { limit: 3, windowSeconds: 3600 },
  address: { limit: 30, windowSeconds: 900 },
} as const

/**
 * "Send me a new link". Answers the same way, in the same time, whether or
 * not an account matches, so the form cannot be used to find out who works
 * here: it checks the limits (which count the identifier as typed, existing
 * or not), records the request in one insert and returns. The background
 * jobs (lib/jobs) look the account up, create the link and queue its email,
 * or note in the audit log why not.
 */
export async function requestEnrollmentLink({
  input,
  context,
  now = new Date(),
}: {
  input: TEnrollmentLinkRequest
  context: AuditContext
  now?: Date
}): Promise<void> {
  const parsed = ZEnrollmentLinkRequest.safeParse(input)
  if (!parsed.success) throw new AppError('INVALID_INPUT', firstIssueMessage(parsed.error))
  const identifier = normalizeUsername(parsed.data.identifier)
  await limitLinkRequest({ kind: 'enroll-request', identifier, context, auditAction: 'invitation.request-limited', now })
  await getDb().enrollmentRequest.create({ data: { identifier, ip: context.ip ?? null, userAgent: context.userAgent?.slice(0, 512) ?? null, createdAt: now } })
}

/**
 * The limits of any "email me a link" form (REQUEST_LIMITS, per client
 * address and per account as typed): throws RATE_LIMITED, with the wait in
 * words, once either is used up, and audits the refusal as `auditAction`.
 */
export async function limitLinkRequest({
  kind,
  identifier,
  context,
  auditAction,
  details = {},
  now,
}: {
  kind: string
  identifier: string
  context: AuditContext
  auditAction: string
  details?: Record<string, string>
  now: Date
}): Promise<void> {
  for (const [scope, key] of [
    ['address', context.ip ?? 'unknown'],
    ['account', identifier],
  ] as const) {
    const { allowed, retryAfterSeconds } = await consumeRateLimit({ key: `${kind}:${scope}:${key}`, ...REQUEST_LIMITS[scope], now })
    if (!allowed) {
      await recordAuditEvent({ action: auditAction, actor: { type: 'USER', label: 'anonymous' }, context, details: { ...details, scope } })
      throw new AppError('RATE_LIMITED', `Too many requests. Please wait ${formatWait(retryAfterSeconds)} and try again.`, { retryAfterSeconds })
    }
  }
}
