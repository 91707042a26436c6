import 'server-only'
import type { AuditContext } from '@/lib/audit'
import { recordAuditEvent } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { resolveUserLink, USER_LINK_MAX_FAILURES, type UserLinkState } from '@/lib/user-links'
import { LinkAlreadyUsed, setNewPin, type PinChange } from './change-token-pin'

export type PinReset = PinChange | { ok: false; dead: Exclude<UserLinkState, 'valid'> }

/**
 * "Forgot my PIN" (and the helpdesk's reset, which sends the same link):
 * the emailed link, a code from the token as proof of possession, and the
 * new PIN. The link is used up with the change, in one transaction; a wrong
 * code counts toward the token's lockout and the link's own limit. Every
 * session of the user ends.
 */
export async function resetPinWithLink({
  token,
  tokenId,
  code,
  pin,
  pinConfirm,
  context,
  now = new Date(),
}: {
  token: string
  tokenId: string
  code: string
  pin: string
  pinConfirm: string
  context: AuditContext
  now?: Date
}): Promise<PinReset> {
  const resolved = await resolveUserLink({ token, purpose: 'PIN_RESET', now })
  if (resolved.state !== 'valid' || !resolved.link || !resolved.user) return { ok: false, dead: resolved.state === 'valid' ? 'unknown' : resolved.state }
  const { link, user } = resolved
  let result: PinChange
  try {
    result = await setNewPin({ user, tokenId, code, pin, pinConfirm, context, via: 'reset-link', consumeLinkId: link.id, now })
  } catch (error) {
    if (error instanceof LinkAlreadyUsed) return { ok: false, dead: 'used' }
    throw error
  }
  if (!result.ok && result.errors.code && code.trim()) {
    // A wrong code also counts against the link; it locks at the limit.
    const counted = await getDb().userLink.update({ where: { id: link.id }, data: { failedAttempts: { increment: 1 } }, select: { failedAttempts: true } })
    if (counted.failedAttempts >= USER_LINK_MAX_FAILURES) {
      await recordAuditEvent({ action: 'user-link.locked', actor: { type: 'USER', id: user.id, label: user.username }, context, subject: { type: 'user', id: user.id, label: user.username }, details: { linkId: link.id } })
      return { ok: false, dead: 'locked' }
    }
  }
  return result
}
