import 'server-only'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { isOtpCode, verifyHotp, verifyTotp } from '@/lib/otp'
import { getSettings } from '@/lib/settings'
import { readTokenSecret } from '@/lib/tokens'
import { recordLinkFailure } from './record-link-failure'
import { requireBoundLink, userActor } from './require-live-link'

export type CodeCheck = { verified: true } | { verified: false; remaining: number; locked: boolean }

/** Apps show "123 456"; people type what they see. Only ASCII digits count. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '')
}

/**
 * The person types the code their app shows; it must match before anything
 * activates (the guard against half-finished enrollments counted as
 * enrolled). TOTP: ±1 time step; HOTP: the policy's look-ahead. The matched
 * step or counter is stored, so the code used here can never sign in later.
 * Each wrong code counts against the invitation; at the policy's limit
 * (default 5) the invitation locks and its pending token is revoked.
 */
export async function verifyEnrollmentCode({
  token,
  browser,
  code,
  context,
  now = new Date(),
}: {
  token: string
  /** This browser's enrollment cookie: only the browser that pressed Start may check a code. */
  browser: string | null | undefined
  code: string
  context?: AuditContext
  now?: Date
}): Promise<CodeCheck> {
  const link = await requireBoundLink({ token, browser, now })
  if (link.token!.verifiedAt) return { verified: true }

  const typed = normaliseCode(code)
  if (!isOtpCode(typed, link.token!.digits)) {
    // Not a code at all (letters, too short): say how it should look, count nothing.
    throw new AppError('INVALID_INPUT', `Type the ${link.token!.digits} digits your app shows for this account.`)
  }

  const db = getDb()
  const [settings, row] = await Promise.all([getSettings(), db.token.findUniqueOrThrow({ where: { id: link.token!.id } })])
  const secret = readTokenSecret({ token: row })
  const params = { secret, algorithm: row.algorithm, digits: row.digits }
  const match =
    row.type === 'TOTP'
      ? verifyTotp({ ...params, code: typed, period: row.period, window: 1, now: now.getTime(), afterTimeStep: row.lastTimeStep })
      : verifyHotp({ ...params, code: typed, counter: row.counter, lookAhead: settings.hotpLookAhead })
  const actor = userActor(link.user)
  const subject = { type: 'token', id: row.id, label: row.serial }

  if (match.valid) {
    const data = 'timeStep' in match ? { lastTimeStep: match.timeStep } : { counter: match.nextCounter }
    await db.$transaction(async (tx) => {
      const { count } = await tx.token.updateMany({ where: { id: row.id, status: 'PENDING', verifiedAt: null }, data: { ...data, verifiedAt: now } })
      if (count === 1) await recordAuditEvent({ tx, action: 'token.verified', actor, subject, context, details: { type: row.type } })
    })
    return { verified: true }
  }

  const failure = await recordLinkFailure({
    invitationId: link.invitation.id,
    pendingTokenId: row.id,
    max: settings.enrollmentMaxFailures,
    action: 'token.verify-failed',
    actor,
    subject,
    user: link.user,
    context,
    now,
  })
  return { verified: false, ...failure }
}
