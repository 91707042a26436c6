import 'server-only'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import { staffActor, type StaffSession } from '@/lib/auth'
import { getDb } from '@/lib/db'
import { createInvitations } from '@/lib/enrollment'
import { AppError } from '@/lib/errors'
import { getSettings } from '@/lib/settings'
import { cancelTemporaryPasscode, issueTemporaryPasscode } from '@/lib/temp-passcodes'
import { ZReason } from './schemas'
import type { HelpdeskResult } from './token-actions'

type Input = { session: StaffSession; userId: string; reason: string; context: AuditContext; now?: Date }
type Failure = Exclude<HelpdeskResult, { ok: true }>

/**
 * The periods the helpdesk may choose: up to the policy's maximum
 * (Settings.tempPasscodeMaxHours, default 72), always including the usual
 * validity the form starts with (Settings.tempPasscodeHours, default 24).
 */
export function temporaryPasscodeHours({ maxHours, usualHours }: { maxHours: number; usualHours: number }): number[] {
  const choices = new Set([1, 2, 4, 8, 12, 24, 48, 72, 168].filter((h) => h < maxHours))
  if (usualHours < maxHours) choices.add(usualHours)
  return [...[...choices].sort((a, b) => a - b), maxHours]
}

/**
 * Seed 000, "left my token at home": a temporary passcode to read out over
 * the phone, valid for a chosen period within policy, once or until it
 * expires. Shown to the staff member once (returned here, never stored in
 * the clear); the user is told by email that one exists; audited with the
 * reason. Any earlier one stops working.
 */
export async function issueTemporaryPasscodeFor({
  session,
  userId,
  reason: typedReason,
  hours,
  singleUse,
  context,
  now = new Date(),
}: Input & { hours: number; singleUse: boolean }): Promise<{ ok: true; passcode: string; expiresAt: Date; singleUse: boolean } | Failure> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { status: true } })
  if (!user) return { ok: false, notFound: true }
  const reason = ZReason.safeParse(typedReason)
  if (!reason.success) return { ok: false, errors: { reason: [reason.error.issues[0]!.message] } }
  const { tempPasscodeHours, tempPasscodeMaxHours } = await getSettings()
  if (!temporaryPasscodeHours({ maxHours: tempPasscodeMaxHours, usualHours: tempPasscodeHours }).includes(hours)) {
    return { ok: false, errors: { form: [`Choose a period of at most ${tempPasscodeMaxHours} hours.`] } }
  }
  if (user.status !== 'ACTIVE') return { ok: false, errors: { form: ['This user’s account is disabled, so a temporary passcode would not work.'] } }
  try {
    const issued = await issueTemporaryPasscode({ userId, hours, singleUse, reason: reason.data, actor: staffActor(session), context, now })
    return { ok: true, passcode: issued.passcode, expiresAt: issued.expiresAt, singleUse: issued.singleUse }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, errors: { form: [error.message] } }
    throw error
  }
}

/** Ends the user's live temporary passcode early, with a reason; the user is told by email. */
export async function cancelTemporaryPasscodeFor({ session, userId, reason: typedReason, context, now = new Date() }: Input): Promise<HelpdeskResult> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { id: true } })
  if (!user) return { ok: false, notFound: true }
  const reason = ZReason.safeParse(typedReason)
  if (!reason.success) return { ok: false, errors: { reason: [reason.error.issues[0]!.message] } }
  const cancelled = await cancelTemporaryPasscode({ userId, reason: reason.data, actor: staffActor(session), context, now })
  return cancelled ? { ok: true } : { ok: false, errors: { form: ['This user has no temporary passcode that still works.'] } }
}

/**
 * Sends the enrollment email: the first invitation, or a new one that
 * revokes every earlier unused link (a resend). Audited with the reason.
 */
export async function sendInvitationFor({ session, userId, reason: typedReason, context, now = new Date() }: Input): Promise<HelpdeskResult & { resent?: boolean }> {
  const db = getDb()
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, username: true, email: true, displayName: true, status: true } })
  if (!user) return { ok: false, notFound: true }
  const reason = ZReason.safeParse(typedReason)
  if (!reason.success) return { ok: false, errors: { reason: [reason.error.issues[0]!.message] } }
  if (user.status !== 'ACTIVE') return { ok: false, errors: { form: ['This user’s account is disabled. Enable it before sending an enrollment email.'] } }
  const settings = await getSettings()
  const actor = staffActor(session)
  const resent = await db.$transaction(async (tx) => {
    const earlier = await tx.enrollmentInvitation.count({ where: { userId, usedAt: null, revokedAt: null, lockedAt: null, expiresAt: { gt: now } } })
    const [created] = await createInvitations({ tx, users: [user], settings, reason: 'invite', actor, context, now })
    await recordAuditEvent({ tx, action: 'helpdesk.invitation-sent', actor, context, subject: { type: 'user', id: user.id, label: user.username }, details: { reason: reason.data, invitationId: created!.invitationId, revokedEarlier: earlier } })
    return earlier > 0
  })
  return { ok: true, resent }
}
