import 'server-only'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import type { ResolvedStaffLink } from './resolve-staff-link'

/** The first GET of a set-up link: recorded once ("opened"), never using it up (mail scanners open links). */
export async function openStaffLink({ resolved, context, now = new Date() }: { resolved: ResolvedStaffLink; context: AuditContext; now?: Date }): Promise<void> {
  if (!resolved.link || resolved.link.openedAt) return
  const first = await getDb().staffLink.updateMany({ where: { id: resolved.link.id, openedAt: null }, data: { openedAt: now } })
  if (first.count !== 1) return
  const subject = resolved.staff ? { type: 'staff', id: resolved.staff.id, label: resolved.staff.username } : { type: 'staff-link', id: resolved.link.id }
  await recordAuditEvent({ action: 'staff-link.opened', actor: { type: 'STAFF', id: resolved.staff?.id, label: resolved.staff?.username ?? 'first administrator' }, context, subject, details: { purpose: resolved.link.purpose, state: resolved.state } })
}
