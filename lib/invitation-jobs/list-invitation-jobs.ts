import 'server-only'
import { getDb } from '@/lib/db'

export type InvitationJobSummary = { id: string; label: string; state: 'RUNNING' | 'CANCELLED' | 'DONE'; total: number; startedBy: string; createdAt: Date; finishedAt: Date | null }

/** The most recent bulk invitations, newest first. */
export async function listInvitationJobs({ limit = 20 }: { limit?: number } = {}): Promise<InvitationJobSummary[]> {
  const jobs = await getDb().invitationJob.findMany({ orderBy: { createdAt: 'desc' }, take: limit })
  return jobs.map((j) => ({ id: j.id, label: j.label, state: j.state, total: j.total, startedBy: j.actorLabel ?? j.actorType.toLowerCase(), createdAt: j.createdAt, finishedAt: j.finishedAt }))
}
