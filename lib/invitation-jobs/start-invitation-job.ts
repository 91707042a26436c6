import 'server-only'
import { auditEventData, type AuditActor, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { userFilterWhere } from '@/lib/users'
import { describeSelection, MAX_CHOSEN_USERS, selectionKey, type InvitationSelection } from './selection'

const ITEM_CHUNK = 1000

/**
 * Starts a bulk invitation: fixes its users (the active accounts in the
 * selection) as items the worker then invites in batches. One job per
 * selection at a time: if one is running for the same selection, it is
 * returned instead (`started: false`); the unique runningKey settles two
 * starts at once. Nothing is written when no one is to be invited.
 */
export async function startInvitationJob({
  selection,
  actor,
  context,
  now = new Date(),
}: {
  selection: InvitationSelection
  actor: AuditActor
  context?: AuditContext
  now?: Date
}): Promise<{ jobId: string; started: boolean; total: number }> {
  const db = getDb()
  const key = selectionKey(selection)
  const running = await db.invitationJob.findUnique({ where: { runningKey: key }, select: { id: true, total: true } })
  if (running) return { jobId: running.id, started: false, total: running.total }

  let userIds: string[]
  if (selection.kind === 'users') {
    const wanted = [...new Set(selection.userIds)]
    if (wanted.length === 0) throw new AppError('INVALID_INPUT', 'Choose at least one user to invite.')
    if (wanted.length > MAX_CHOSEN_USERS) throw new AppError('INVALID_INPUT', `Choose at most ${MAX_CHOSEN_USERS} users, or invite everyone matching a filter.`)
    const found = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, status: true } })
    if (found.length !== wanted.length) throw new AppError('NOT_FOUND', 'Some of the chosen users no longer exist; nothing was sent.')
    if (found.some((u) => u.status !== 'ACTIVE')) throw new AppError('INVALID_INPUT', 'Disabled users cannot be invited; nothing was sent.')
    userIds = found.map((u) => u.id)
  } else {
    const where = { AND: [userFilterWhere(selection.filter, now), { status: 'ACTIVE' as const }] }
    userIds = (await db.user.findMany({ where, select: { id: true }, orderBy: { username: 'asc' } })).map((u) => u.id)
    if (userIds.length === 0) throw new AppError('INVALID_INPUT', `No active user matches (${describeSelection(selection)}); nothing was sent.`)
  }

  const label = describeSelection(selection)
  try {
    const jobId = await db.$transaction(
      async (tx) => {
        const job = await tx.invitationJob.create({
          data: { selectionKey: key, runningKey: key, label, total: userIds.length, actorType: actor.type, actorId: actor.id, actorLabel: actor.label, createdAt: now },
        })
        for (let i = 0; i < userIds.length; i += ITEM_CHUNK) {
          await tx.invitationJobItem.createMany({ data: userIds.slice(i, i + ITEM_CHUNK).map((userId) => ({ jobId: job.id, userId })) })
        }
        await tx.auditEvent.create({
          data: auditEventData({ action: 'invitation-job.started', actor, context, subject: { type: 'invitation-job', id: job.id, label }, details: { total: userIds.length, selection: key } }),
        })
        return job.id
      },
      { timeout: 120_000 },
    )
    return { jobId, started: true, total: userIds.length }
  } catch (error) {
    // Another start of the same selection won the unique runningKey: show that one.
    if ((error as { code?: string }).code === 'P2002') {
      const winner = await db.invitationJob.findUnique({ where: { runningKey: key }, select: { id: true, total: true } })
      if (winner) return { jobId: winner.id, started: false, total: winner.total }
    }
    throw error
  }
}
