import { createHash } from 'node:crypto'
import { describeUserFilter, userFilterKey, type TUserFilter } from '@/lib/users'

/** Whom a bulk invitation is for: everyone matching a users-list filter, or users chosen one by one. */
export type InvitationSelection = { kind: 'filter'; filter: TUserFilter } | { kind: 'users'; userIds: string[] }

/** At most this many users chosen one by one (a filter has no limit). */
export const MAX_CHOSEN_USERS = 1000

/** The canonical key of "one job per selection at a time": the same people chosen in another order are the same selection. */
export function selectionKey(selection: InvitationSelection): string {
  if (selection.kind === 'filter') return `filter:${userFilterKey(selection.filter)}`
  const ids = [...new Set(selection.userIds)].sort()
  return `users:${createHash('sha256').update(ids.join('\n')).digest('hex')}`
}

export function describeSelection(selection: InvitationSelection): string {
  if (selection.kind === 'users') {
    const n = new Set(selection.userIds).size
    return `${n} chosen user${n === 1 ? '' : 's'}`
  }
  if (selection.filter.state === 'pending' && !selection.filter.group) return 'everyone pending'
  return describeUserFilter(selection.filter)
}
