import 'server-only'
import { recordAuditEvent, type AuditActor } from '@/lib/audit'
import { AppError } from '@/lib/errors'
import { inviteUsers } from './invite-users'
import { findStuckUsers, type StuckStep } from './list-stuck-enrollments'

export type ReinviteSelection = { userIds?: string[]; step?: StuckStep; days?: number }

/** Who a selection names now: the chosen people still stuck, or everyone stuck at a step. */
export async function resolveReinviteSelection({ userIds, step, days, now = new Date() }: ReinviteSelection & { now?: Date }): Promise<{ id: string; username: string }[]> {
  if (userIds) {
    const wanted = [...new Set(userIds)].slice(0, 1000)
    if (wanted.length === 0) throw new AppError('INVALID_INPUT', 'Select at least one person, or choose everyone stuck at a step. Nothing was sent.')
    return findStuckUsers({ userIds: wanted, now })
  }
  if (!step) throw new AppError('INVALID_INPUT', 'Select at least one person, or choose everyone stuck at a step. Nothing was sent.')
  return findStuckUsers({ step, days, now })
}

/**
 * "Send a new enrollment email" to stuck people, through inviteUsers (a new
 * link each; their earlier links stop working; each invitation audited),
 * plus one audit event for the bulk action itself. People who finished or
 * were disabled since the list was shown are left out; nothing is sent when
 * no one remains.
 */
export async function reinviteStuckUsers({ selection, actor, now = new Date() }: { selection: ReinviteSelection; actor: AuditActor; now?: Date }): Promise<{ sent: number; usernames: string[] }> {
  const users = await resolveReinviteSelection({ ...selection, now })
  if (users.length === 0) throw new AppError('NOT_FOUND', 'None of these people is still waiting to enroll. Nothing was sent.')
  const sent = await inviteUsers({ usernames: users.map((u) => u.username), actor, now })
  await recordAuditEvent({
    action: 'enrollment.bulk-reinvite',
    actor,
    details: { count: sent.length, ...(selection.step ? { step: selection.step } : {}), ...(selection.days ? { days: selection.days } : {}), selected: selection.userIds ? selection.userIds.length : null },
  })
  return { sent: sent.length, usernames: sent.map((s) => s.username) }
}
