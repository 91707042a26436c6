import type { AuditActor } from '@/lib/audit'
import type { StaffSession } from '@/lib/auth'

/** Every helpdesk action is recorded in the staff member's name. */
export function staffActor(session: StaffSession): AuditActor {
  return { type: 'STAFF', id: session.staff.id, label: session.staff.username }
}
