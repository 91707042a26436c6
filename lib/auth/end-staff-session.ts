import 'server-only'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { staffActor, type StaffSession } from './staff-session'

/** Staff sign-out: the row ends, so its cookie means nothing anywhere. */
export async function endStaffSession({ session, context, now = new Date() }: { session: StaffSession; context?: AuditContext; now?: Date }): Promise<void> {
  await getDb().staffSession.updateMany({ where: { id: session.sessionId, endedAt: null }, data: { endedAt: now, endedReason: 'signed-out' } })
  const who = staffActor(session)
  await recordAuditEvent({ action: 'staff.signed-out', actor: who, subject: { type: 'staff', id: who.id, label: who.label }, context })
}
