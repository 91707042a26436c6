import 'server-only'
import { auditEventData, type AuditActor, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { brandFromSettings, queueEmail } from '@/lib/mail'
import { getSettings } from '@/lib/settings'

/**
 * Ends the user's live temporary passcode before it expires (the token was
 * found, or it was issued by mistake). Audited with the reason; the user is
 * told by email. False when none was live: nothing changes.
 */
export async function cancelTemporaryPasscode({
  userId,
  reason,
  actor,
  context,
  now = new Date(),
}: {
  userId: string
  reason?: string
  actor: AuditActor
  context?: AuditContext
  now?: Date
}): Promise<boolean> {
  const db = getDb()
  const [user, settings] = await Promise.all([db.user.findUnique({ where: { id: userId }, select: { id: true, username: true, email: true, displayName: true } }), getSettings()])
  if (!user) return false
  return db.$transaction(async (tx) => {
    const live = await tx.temporaryPasscode.findMany({ where: { userId, revokedAt: null, expiresAt: { gt: now } }, select: { id: true, singleUse: true, useCount: true } })
    // A single-use passcode that was used is spent already: nothing to cancel.
    const cancellable = live.filter((p) => !(p.singleUse && p.useCount > 0))
    if (cancellable.length === 0) return false
    await tx.temporaryPasscode.updateMany({ where: { id: { in: cancellable.map((p) => p.id) }, revokedAt: null }, data: { revokedAt: now } })
    await tx.auditEvent.create({
      data: auditEventData({
        action: 'temp-passcode.cancelled',
        actor,
        context,
        subject: { type: 'user', id: user.id, label: user.username },
        details: { temporaryPasscodeId: cancellable[0]!.id, ...(reason ? { reason } : {}) },
      }),
    })
    await queueEmail({ tx, actor, to: user.email, template: 'temporary-passcode-cancelled', brand: brandFromSettings(settings), props: { name: user.displayName ?? user.username, at: now } })
    return true
  })
}
