import 'server-only'
import { auditEventData, type AuditActor, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'

/**
 * Cancels a running bulk invitation, in one transaction: no waiting user is
 * invited any more, and the job's emails still waiting in the outbox (not
 * taken by a mail worker) are withdrawn with their invitations revoked, so
 * nothing more goes out. An email a worker is sending at that instant is
 * delivered and counted as sent.
 */
export async function cancelInvitationJob({ jobId, actor, context, now = new Date() }: { jobId: string; actor: AuditActor; context?: AuditContext; now?: Date }): Promise<{ withdrawn: number }> {
  const db = getDb()
  return db.$transaction(
    async (tx) => {
      const stopped = await tx.invitationJob.updateMany({
        where: { id: jobId, state: 'RUNNING' },
        data: { state: 'CANCELLED', runningKey: null, finishedAt: now, cancelledBy: actor.label ?? actor.type.toLowerCase() },
      })
      if (stopped.count === 0) {
        const job = await tx.invitationJob.findUnique({ where: { id: jobId }, select: { state: true } })
        throw job ? new AppError('CONFLICT', 'This job has already finished or been cancelled.') : new AppError('NOT_FOUND', 'No such invitation job.')
      }
      await tx.invitationJobItem.updateMany({ where: { jobId, state: 'WAITING' }, data: { state: 'CANCELLED' } })

      // Emails not yet taken by a mail worker: withdraw them (a claimed one is SENDING and goes out).
      const unsent = await tx.invitationJobItem.findMany({
        where: { jobId, state: 'QUEUED', outboxMessage: { status: 'QUEUED', OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] } },
        select: { userId: true, invitationId: true, outboxMessageId: true },
      })
      const messageIds = unsent.map((u) => u.outboxMessageId!)
      const deleted = await tx.outboxMessage.deleteMany({ where: { id: { in: messageIds }, status: 'QUEUED' } })
      if (deleted.count !== messageIds.length) throw new AppError('CONFLICT', 'The mail worker took some emails meanwhile; try again.')
      await tx.invitationJobItem.updateMany({ where: { jobId, userId: { in: unsent.map((u) => u.userId) } }, data: { state: 'CANCELLED' } })
      await tx.enrollmentInvitation.updateMany({
        where: { id: { in: unsent.map((u) => u.invitationId!) }, usedAt: null, revokedAt: null },
        data: { revokedAt: now, revokedReason: 'cancelled' },
      })
      await tx.auditEvent.create({
        data: auditEventData({ action: 'invitation-job.cancelled', actor, context, subject: { type: 'invitation-job', id: jobId }, details: { withdrawn: messageIds.length } }),
      })
      return { withdrawn: messageIds.length }
    },
    { timeout: 120_000 },
  )
}
