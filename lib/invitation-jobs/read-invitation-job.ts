import 'server-only'
import { getDb } from '@/lib/db'

export type InvitationJobProgress = {
  id: string
  label: string
  state: 'RUNNING' | 'CANCELLED' | 'DONE'
  total: number
  /** Invitation created, email waiting in the outbox. */
  queued: number
  /** Delivered by the outbox. */
  sent: number
  /** The outbox gave up, or the user was disabled before their turn. */
  failed: number
  /** Not invited: the job was cancelled first. */
  cancelled: number
  /** Not invited yet. */
  remaining: number
  /** Settled (sent, failed or cancelled) of total, 0–100. */
  percent: number
  startedBy: string
  createdAt: Date
  finishedAt: Date | null
  cancelledBy: string | null
}

/**
 * A job and its counts, read from its items and their outbox rows ("sent"
 * means the outbox delivered it). A handful of counts on indexed columns:
 * cheap enough to poll every second or two.
 */
export async function readInvitationJob({ jobId }: { jobId: string }): Promise<InvitationJobProgress | null> {
  const db = getDb()
  const job = await db.invitationJob.findUnique({ where: { id: jobId } })
  if (!job) return null
  const byState = await db.invitationJobItem.groupBy({ by: ['state'], where: { jobId }, _count: { _all: true } })
  const count = (state: string) => byState.find((s) => s.state === state)?._count._all ?? 0
  const [sent, outboxFailed] = await Promise.all([
    db.invitationJobItem.count({ where: { jobId, state: 'QUEUED', outboxMessage: { status: 'SENT' } } }),
    db.invitationJobItem.count({ where: { jobId, state: 'QUEUED', outboxMessage: { status: 'FAILED' } } }),
  ])
  const failed = outboxFailed + count('SKIPPED')
  const cancelled = count('CANCELLED')
  const queued = count('QUEUED') - sent - outboxFailed
  const settled = sent + failed + cancelled
  return {
    id: job.id,
    label: job.label,
    state: job.state,
    total: job.total,
    queued,
    sent,
    failed,
    cancelled,
    remaining: count('WAITING'),
    percent: job.total ? Math.floor((settled * 100) / job.total) : 100,
    startedBy: job.actorLabel ?? job.actorType.toLowerCase(),
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    cancelledBy: job.cancelledBy,
  }
}
