import 'server-only'
import { checkUserSession } from './check-user-session'
import { safeReturnPath } from './require-user'

/**
 * Where a session that just started goes: straight to the PIN change it
 * must make first, else where the person was going. Deciding it here, not
 * by a redirect from the page after, spares a browser a page that renders
 * only to send it on.
 */
export async function landingPath({ sessionId, next }: { sessionId: string; next?: string | null }): Promise<string> {
  const session = await checkUserSession({ sessionId })
  if (session?.mustChangePin) return `/tokens/${session.mustChangePin.tokenId}/change-pin`
  return session?.kind === 'LIMITED' ? '/tokens' : safeReturnPath(next)
}
