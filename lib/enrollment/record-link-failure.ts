import 'server-only'
import { auditEventData, type AuditActor, type AuditContext, type AuditSubject } from '@/lib/audit'
import { getDb } from '@/lib/db'

/**
 * One more wrong answer on an enrollment link (a wrong code at the check
 * step, a wrong passcode at the proof step), counted atomically. At the
 * policy's limit the link locks and its pending token goes: the person asks
 * for a new link. Returns how many tries remain and whether it locked now.
 */
export async function recordLinkFailure({
  invitationId,
  pendingTokenId,
  max,
  action,
  actor,
  subject,
  user,
  context,
  now,
}: {
  invitationId: string
  pendingTokenId?: string
  max: number
  /** The audit action of the failure itself. */
  action: string
  actor: AuditActor
  subject: AuditSubject
  user: { id: string; username: string }
  context?: AuditContext
  now: Date
}): Promise<{ remaining: number; locked: boolean }> {
  const limit = Math.max(max, 1)
  return getDb().$transaction(async (tx) => {
    const invitation = await tx.enrollmentInvitation.update({
      where: { id: invitationId },
      data: { failedVerifications: { increment: 1 } },
      select: { failedVerifications: true },
    })
    const locked = invitation.failedVerifications >= limit
    await tx.auditEvent.create({ data: auditEventData({ action, actor, subject, context, details: { attempt: invitation.failedVerifications, max: limit } }) })
    if (locked) {
      await tx.enrollmentInvitation.update({ where: { id: invitationId }, data: { lockedAt: now, revokedAt: now, revokedReason: 'locked' } })
      if (pendingTokenId) await tx.token.updateMany({ where: { id: pendingTokenId, status: 'PENDING' }, data: { status: 'REVOKED', statusChangedAt: now } })
      await tx.auditEvent.create({
        data: auditEventData({
          action: 'invitation.locked',
          actor,
          subject: { type: 'user', id: user.id, label: user.username },
          context,
          details: { invitationId, failures: invitation.failedVerifications },
        }),
      })
    }
    return { remaining: Math.max(limit - invitation.failedVerifications, 0), locked }
  })
}
