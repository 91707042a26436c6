'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { requireStaff, staffActor } from '@/lib/auth'
import { isAppError } from '@/lib/errors'
import { formField, requestContext } from '@/lib/http'
import { cancelInvitationJob, MAX_CHOSEN_USERS, startInvitationJob, type InvitationSelection } from '@/lib/invitation-jobs'
import { ZUserFilter } from '@/lib/users'

// Thin: authorize → validate → act → respond. Administrators with a recent
// sign-in only (a bulk invitation emails thousands of people), checked here
// as on the pages. Starting and cancelling are audited in lib/invitation-jobs
// in the same transaction. CSRF: proxy.ts refuses posts from other sites.

const USERS = '/admin/users'

function usersPage(filter: { state?: string; group?: string }, problem: string): string {
  const query = new URLSearchParams({ ...(filter.state ? { state: filter.state } : {}), ...(filter.group ? { group: filter.group } : {}), problem })
  return `${USERS}?${query}`
}

/** From the users list, the ticked users ("scope=chosen"); from its confirmation page (/admin/invitations/new), everyone a filter matches ("scope=filter"). */
export async function startInvitationJobAction(formData: FormData): Promise<void> {
  const session = await requireStaff({ role: 'ADMIN', returnTo: USERS, recent: true })
  const filter = ZUserFilter.parse({ state: formField(formData, 'state', 32) || undefined, group: formField(formData, 'group', 64) || undefined })
  const scope = formField(formData, 'scope', 16)
  const chosen = formData
    .getAll('user')
    .slice(0, MAX_CHOSEN_USERS + 1)
    .filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64)
  let selection: InvitationSelection
  if (scope === 'filter') selection = { kind: 'filter', filter }
  else if (chosen.length === 0) redirect(usersPage(filter, 'none-chosen'))
  else selection = { kind: 'users', userIds: chosen }
  await start(selection, session, (problem) => usersPage(filter, problem))
}

async function start(selection: InvitationSelection, session: Awaited<ReturnType<typeof requireStaff>>, back: (problem: string) => string): Promise<void> {
  let result: { jobId: string; started: boolean }
  try {
    result = await startInvitationJob({ selection, actor: staffActor(session), context: requestContext(await headers()) })
  } catch (error) {
    // Expected: nobody to invite, or chosen users gone or disabled meanwhile. Nothing was written.
    if (isAppError(error)) redirect(back(selection.kind === 'filter' ? 'none-matching' : 'stale'))
    throw error
  }
  redirect(`/admin/invitations/${encodeURIComponent(result.jobId)}?done=${result.started ? 'started' : 'already'}`)
}

export async function cancelInvitationJobAction(formData: FormData): Promise<void> {
  const session = await requireStaff({ role: 'ADMIN', returnTo: '/admin/invitations', recent: true })
  const id = formField(formData, 'id', 64)
  const page = `/admin/invitations/${encodeURIComponent(id)}`
  try {
    await cancelInvitationJob({ jobId: id, actor: staffActor(session), context: requestContext(await headers()) })
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') redirect('/admin/invitations')
    if (isAppError(error)) redirect(`${page}?done=over`)
    throw error
  }
  redirect(`${page}?done=cancelled`)
}
