import 'server-only'
import { z } from 'zod'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { consumeRateLimit } from '@/lib/rate-limit'
import { getSettings } from '@/lib/settings'
import { normalizeUsername } from '@/lib/users'
import { firstIssueMessage } from '@/lib/validation'
import { createInvitations } from './create-invitation'

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
export const REQUEST_LIMITS = {
  account: { limit: 3, windowSeconds: 3600 },
  address: { limit: 30, windowSeconds: 900 },
} as const

function minutes(seconds: number): string {
  const m = Math.ceil(seconds / 60)
  return m <= 1 ? 'a minute' : `${m} minutes`
}

/**
 * "Send me a new link". Answers the same way whether or not an account
 * matches, so the form cannot be used to find out who works here; the
 * difference is only in the audit log. Limits count the identifier as typed,
 * existing or not, for the same reason.
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

  for (const [scope, key] of [
    ['address', context.ip ?? 'unknown'],
    ['account', identifier],
  ] as const) {
    const { allowed, retryAfterSeconds } = await consumeRateLimit({ key: `enroll-request:${scope}:${key}`, ...REQUEST_LIMITS[scope], now })
    if (!allowed) {
      await recordAuditEvent({ action: 'invitation.request-limited', actor: { type: 'USER', label: 'anonymous' }, context, details: { scope } })
      throw new AppError('RATE_LIMITED', `Too many requests. Please wait ${minutes(retryAfterSeconds)} and try again.`, { retryAfterSeconds })
    }
  }

  const settings = await getSettings()
  const db = getDb()
  const users = await db.user.findMany({
    where: { status: 'ACTIVE', OR: [{ username: identifier }, { email: identifier }] },
    select: { id: true, username: true, email: true, displayName: true },
    take: 5,
  })
  if (!settings.selfRequestEnabled || users.length === 0) {
    await recordAuditEvent({
      action: 'invitation.request-ignored',
      actor: { type: 'USER', label: 'anonymous' },
      context,
      details: { reason: settings.selfRequestEnabled ? 'no-matching-account' : 'self-request-disabled' },
    })
    return
  }
  await db.$transaction((tx) =>
    createInvitations({ tx, users, settings, reason: 'self-request', actor: (user) => ({ type: 'USER', id: user.id, label: user.username }), context, now }),
  )
}
