import 'server-only'
import type { AuditActor } from '@/lib/audit'
import { auditEventData, SYSTEM_ACTOR } from '@/lib/audit'
import { getConfig } from '@/lib/config'
import { getDb } from '@/lib/db'
import { createInvitations } from '@/lib/enrollment'
import { getSettings } from '@/lib/settings'

/** Users invited per job per round: at the worker's pace of a round a second, 3,000 a minute. */
export const INVITATION_BATCH = 50

class LostRace extends Error {}

/**
 * One round of the bulk invitations: for each running job, invites its next
 * batch of waiting users, or, when none is left and the outbox has delivered
 * (or given up on) every email, marks the job done.
 *
 * No one is invited twice, whatever restarts or runs beside this: the
 * batch's items change from WAITING to QUEUED in the same transaction as
 * their invitations and emails (lib/enrollment createInvitations, the one
 * invitation path), with a conditional update that must take every item of
 * the batch. A worker killed mid-batch rolls the whole batch back; one that
 * loses the race to another (or to a cancel) rolls back and moves on.
 * Returns how many users it invited or skipped.
 */
export async function processInvitationJobs({
  jobId,
  batchSize = INVITATION_BATCH,
  now = () => new Date(),
}: {
  /** Only this job (the CLI following its own). */
  jobId?: string
  batchSize?: number
  now?: () => Date
} = {}): Promise<number> {
  const db = getDb()
  const jobs = await db.invitationJob.findMany({ where: { state: 'RUNNING', ...(jobId ? { id: jobId } : {}) }, orderBy: { createdAt: 'asc' } })
  let handled = 0
  for (const job of jobs) {
    const items = await db.invitationJobItem.findMany({
      where: { jobId: job.id, state: 'WAITING' },
      take: batchSize,
      orderBy: { userId: 'asc' },
      select: { userId: true, user: { select: { id: true, username: true, email: true, displayName: true, status: true } } },
    })
    if (items.length === 0) {
      await finishIfDelivered(job.id, now())
      continue
    }
    const actor: AuditActor = { type: job.actorType, id: job.actorId ?? undefined, label: job.actorLabel ?? undefined }
    const settings = await getSettings()
    try {
      await db.$transaction(
        async (tx) => {
          const userIds = items.map((i) => i.userId)
          const claimed = await tx.invitationJobItem.updateMany({ where: { jobId: job.id, userId: { in: userIds }, state: 'WAITING' }, data: { state: 'QUEUED' } })
          if (claimed.count !== userIds.length) throw new LostRace()
          // Re-read inside the transaction: a cancel that committed first leaves the job not RUNNING.
          const current = await tx.invitationJob.findUnique({ where: { id: job.id }, select: { state: true } })
          if (current?.state !== 'RUNNING') throw new LostRace()
          const active = items.filter((i) => i.user.status === 'ACTIVE').map((i) => i.user)
          const skipped = items.filter((i) => i.user.status !== 'ACTIVE').map((i) => i.userId)
          if (skipped.length) await tx.invitationJobItem.updateMany({ where: { jobId: job.id, userId: { in: skipped } }, data: { state: 'SKIPPED' } })
          const created = await createInvitations({ tx, users: active, settings, reason: 'invite', actor, now: now() })
          for (const c of created) {
            await tx.invitationJobItem.update({
              where: { jobId_userId: { jobId: job.id, userId: c.userId } },
              data: { invitationId: c.invitationId, outboxMessageId: c.emailId },
            })
          }
        },
        { timeout: 60_000 },
      )
      handled += items.length
    } catch (error) {
      if (!(error instanceof LostRace)) throw error
    }
  }
  return handled
}

/**
 * Done once every item is settled and no email of the job is still waiting
 * in the outbox. Without SMTP_URL the outbox is only read at /dev/mail and
 * never delivers: the job is then done once everyone is invited, or it
 * would hold its selection for ever.
 */
async function finishIfDelivered(jobId: string, now: Date): Promise<void> {
  const db = getDb()
  if (getConfig().smtpUrl) {
    const undelivered = await db.invitationJobItem.count({ where: { jobId, state: 'QUEUED', outboxMessage: { status: { in: ['QUEUED', 'SENDING'] } } } })
    if (undelivered > 0) return
  }
  await db.$transaction(async (tx) => {
    const done = await tx.invitationJob.updateMany({ where: { id: jobId, state: 'RUNNING' }, data: { state: 'DONE', runningKey: null, finishedAt: now } })
    if (done.count === 1) {
      await tx.auditEvent.create({ data: auditEventData({ action: 'invitation-job.finished', actor: SYSTEM_ACTOR, subject: { type: 'invitation-job', id: jobId } }) })
    }
  })
}
