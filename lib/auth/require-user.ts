import 'server-only'
import { redirect } from 'next/navigation'
import { getUserSession } from './get-user-session'
import type { UserSession } from './user-session'

/**
 * For every portal page and server action: the signed-in user, or a
 * redirect to sign in (back to `returnTo` afterwards). A LIMITED session
 * (emailed link, recovery code) reaches only what `limited` allows: report
 * a token lost and enroll a replacement. With an expired PIN, a FULL
 * session reaches only the PIN change it must make first.
 */
export async function requireUser({ returnTo, limited = false, pinChange = false }: { returnTo: string; limited?: boolean; pinChange?: boolean }): Promise<UserSession> {
  const session = await getUserSession()
  if (!session) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`)
  if (session.kind === 'LIMITED' && !limited) redirect('/tokens')
  if (session.mustChangePin && !pinChange) redirect(`/tokens/${session.mustChangePin.tokenId}/change-pin`)
  return session
}

/** A `next` parameter that stays on this site: a path of ours, never a URL elsewhere. */
export function safeReturnPath(next: string | null | undefined): string {
  return next && /^\/(?!\/)[\w\-./?=&%]*$/.test(next) && !next.startsWith('/api/') ? next : '/tokens'
}
