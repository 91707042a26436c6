import 'server-only'
import { recordAuditEvent, type AuditActor, type AuditContext } from '@/lib/audit'
import { AppError } from '@/lib/errors'
import { inviteUsers } from './invite-users'
import { findStuckUsers, STUCK_STEPS, type StuckStep } from './list-stuck-enrollments'

export type ReinviteSelection = { userIds?: string[]; step?: StuckStep; days?: number }

/**
 * The selection a form or query string carries: `scope=all` with a step (and
 * age) for everyone stuck there, otherwise the ticked `user` ids. Unknown
 * values are dropped here; resolveReinviteSelection refuses an empty one.
 */
export function reinviteSelectionFrom(read: { getAll(name: string): unknown[]; get(name: string): unknown }): ReinviteSelection {
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 64) : '')
  const rawStep = text(read.get('step'))
  const step = (STUCK_STEPS as string[]).includes(rawStep) ? (rawStep as StuckStep) : undefined
  const rawDays = text(read.get('days'))
  const days = /^\d{1,3}$/.test(rawDays) ? Number(rawDays) : undefined
  if (text(read.get('scope')) === 'all') return { step, days }
  return { userIds: read.getAll('user').map(text).filter(Boolean).slice(0, 1000) }
}

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
export async function reinviteStuckUsers({ selection, actor, context, now = new Date() }: { selection: ReinviteSelection; actor: AuditActor; context?: AuditContext; now?: Date }): Promise<{ sent: number; usernames: string[] }> {
  const users = await resolveReinviteSelection({ ...selection, now })
  if (users.length === 0) throw new AppError('NOT_FOUND', 'None of these people is still waiting to enroll. Nothing was sent.')
  const sent = await inviteUsers({ usernames: users.map((u) => u.username), actor, now })
  await recordAuditEvent({
    action: 'enrollment.bulk-reinvite',
    actor,
    context,
    details: { count: sent.length, ...(selection.step ? { step: selection.step } : {}), ...(selection.days ? { days: selection.days } : {}), selected: selection.userIds ? selection.userIds.length : null },
  })
  return { sent: sent.length, usernames: sent.map((s) => s.username) }
}
