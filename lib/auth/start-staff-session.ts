import 'server-only'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'

/** A new staff session row, audited: after sign-in with password + code, or at the end of set-up. */
export async function startStaffSession({ staff, method, context, now = new Date() }: { staff: { id: string; username: string }; method: 'password-totp' | 'setup'; context?: AuditContext; now?: Date }): Promise<{ id: string }> {
  const session = await getDb().staffSession.create({
    data: { staffUserId: staff.id, createdAt: now, lastSeenAt: now, authenticatedAt: now, ip: context?.ip ?? null, userAgent: context?.userAgent?.slice(0, 512) ?? null },
    select: { id: true },
  })
  await recordAuditEvent({ action: 'staff.signed-in', actor: { type: 'STAFF', id: staff.id, label: staff.username }, subject: { type: 'staff', id: staff.id, label: staff.username }, context, details: { method, session: session.id } })
  return session
}
