import 'server-only'
import type { AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { resolveUserLink } from '@/lib/user-links'
import type { SignInResult } from './sign-in-with-passcode'
import { startUserSession } from './start-user-session'

/**
 * "I can't sign in": the emailed link, used by the POST of its page (a GET
 * only shows the button, so a mail scanner never uses it up). Single use,
 * decided by a conditional update in the transaction that starts the
 * LIMITED session.
 */
export async function signInWithLink({ token, context, now = new Date() }: { token: string; context: AuditContext; now?: Date }): Promise<SignInResult> {
  const resolved = await resolveUserLink({ token, purpose: 'SIGN_IN', now })
  if (resolved.state !== 'valid' || !resolved.link || !resolved.user) return { ok: false, message: 'This sign-in link can no longer be used. Ask for a new one.' }
  const { link, user } = resolved
  const session = await getDb().$transaction(async (tx) => {
    const used = await tx.userLink.updateMany({ where: { id: link.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } })
    if (used.count !== 1) return null
    return startUserSession({ user, kind: 'LIMITED', method: 'email-link', context, tx, now })
  })
  if (!session) return { ok: false, message: 'This sign-in link can no longer be used. Ask for a new one.' }
  return { ok: true, sessionId: session.id, userId: user.id }
}
