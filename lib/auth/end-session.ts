import 'server-only'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import type { UserSession } from './user-session'

/** Sign out: this session's row ends, so its cookie means nothing anywhere. */
export async function endSession({ session, context, now = new Date() }: { session: UserSession; context?: AuditContext; now?: Date }): Promise<void> {
  await getDb().userSession.updateMany({ where: { id: session.sessionId, endedAt: null }, data: { endedAt: now, endedReason: 'signed-out' } })
  await recordAuditEvent({ action: 'user.signed-out', actor: { type: 'USER', id: session.user.id, label: session.user.username }, subject: { type: 'user', id: session.user.id, label: session.user.username }, context })
}
