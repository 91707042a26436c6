'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { requireStaff, staffActor } from '@/lib/auth'
import { reinviteSelectionFrom, reinviteStuckUsers } from '@/lib/enrollment'
import { isAppError } from '@/lib/errors'
import { requestContext } from '@/lib/http'

// Thin: authorize → validate → act → respond. Administrators with a recent
// sign-in only, checked here as on the confirmation page. Who is sent a new
// email is decided again on the server from the ids or the step (only people
// still stuck); each invitation and the bulk action are audited in
// lib/enrollment. CSRF: proxy.ts refuses posts from other sites.

const PAGE = '/admin/enrollments'

export async function reinviteAction(formData: FormData): Promise<void> {
  const session = await requireStaff({ role: 'ADMIN', returnTo: PAGE, recent: true })
  const selection = reinviteSelectionFrom(formData)
  let sent: number
  try {
    sent = (await reinviteStuckUsers({ selection, actor: staffActor(session), context: requestContext(await headers()) })).sent
  } catch (error) {
    // Everyone chosen finished (or was disabled) since the confirmation page was shown.
    if (isAppError(error)) redirect(`${PAGE}?problem=gone`)
    throw error
  }
  redirect(`${PAGE}?sent=${sent}`)
}
