// Pure: what a signed-in staff member's session is, and its rules.
import type { StaffRole } from '@/generated/prisma/client'
import type { AuditActor } from '@/lib/audit'

export type StaffSession = {
  sessionId: string
  staff: { id: string; username: string; email: string; displayName: string | null; role: StaffRole }
  /** When password and code were last proved in this session. */
  authenticatedAt: Date
}

/** Everything a staff member does is recorded in their name. */
export function staffActor(session: StaffSession): AuditActor {
  return { type: 'STAFF', id: session.staff.id, label: session.staff.username }
}

/** Sensitive actions (PIN reset, temporary passcode, revoke) need a sign-in within this many minutes. */
export const STAFF_REAUTH_MINUTES = 10

const RANK: Record<StaffRole, number> = { HELPDESK: 1, ADMIN: 2 }

/** helpdesk ⊂ admin: an admin may do everything the helpdesk may. */
export function roleAllows({ role, required }: { role: StaffRole; required: StaffRole }): boolean {
  return RANK[role] >= RANK[required]
}

/** Whether password and code were proved recently enough for a sensitive action. */
export function isRecentSignIn({ authenticatedAt, now }: { authenticatedAt: Date; now: Date }): boolean {
  return now.getTime() - authenticatedAt.getTime() < STAFF_REAUTH_MINUTES * 60_000
}
