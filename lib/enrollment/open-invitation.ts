import 'server-only'
import { recordAuditEvent, recordThrottledAuditEvent, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { resolveInvitationLink, type ResolvedLink } from './resolve-invitation-link'

/**
 * A GET of the link: records that it was opened, never consumes it. Mail
 * scanners open every link in a message, so opening must have no effect a
 * person could lose; the link is consumed only when enrollment completes.
 */
export async function openInvitation({
  token,
  browser,
  context,
  now = new Date(),
}: {
  token: string
  /** This browser's enrollment cookie, if it sent one. */
  browser?: string | null
  context?: AuditContext
  now?: Date
}): Promise<ResolvedLink> {
  const link = await resolveInvitationLink({ token, browser, now })
  const subject = link.user ? { type: 'user', id: link.user.id, label: link.user.username } : undefined
  const actor = link.user ? { type: 'USER' as const, id: link.user.id, label: link.user.username } : { type: 'USER' as const, label: 'anonymous' }
  if (link.state === 'valid' && link.invitation) {
    await getDb().enrollmentInvitation.updateMany({ where: { id: link.invitation.id, openedAt: null }, data: { openedAt: now } })
    await recordAuditEvent({ action: 'invitation.opened', actor, subject, context, details: { invitationId: link.invitation.id } })
  } else if (link.state === 'unknown') {
    // Made-up or mangled links: anyone can send as many as they like, so at
    // most one row per client address per minute, with a count.
    await recordThrottledAuditEvent({ key: `invitation.rejected:${context?.ip ?? 'unknown'}`, action: 'invitation.rejected', actor, context, details: { reason: 'unknown' }, now })
  } else {
    await recordAuditEvent({
      action: 'invitation.rejected',
      actor,
      subject,
      context,
      details: { reason: link.state, ...(link.invitation ? { invitationId: link.invitation.id } : {}) },
    })
  }
  return link
}
