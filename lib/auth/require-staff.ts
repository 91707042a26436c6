import 'server-only'
import { redirect } from 'next/navigation'
import type { StaffRole } from '@/generated/prisma/client'
import { getStaffSession } from './get-staff-session'
import { isRecentSignIn, roleAllows, type StaffSession } from './staff-session'

/**
 * For every staff page and server action: the signed-in staff member with
 * at least `role` (helpdesk ⊂ admin), or a redirect: to staff sign-in
 * without a staff session (a user's session does not count), to /staff with
 * a refusal for a role too low. `recent` (sensitive actions) also wants
 * password and code proved within the last 10 minutes, else sends the
 * person to confirm them and come back to `returnTo`.
 */
export async function requireStaff({ role = 'HELPDESK', returnTo, recent = false, now = new Date() }: { role?: StaffRole; returnTo: string; recent?: boolean; now?: Date }): Promise<StaffSession> {
  const session = await getStaffSession()
  if (!session) redirect(`/staff/sign-in?next=${encodeURIComponent(returnTo)}`)
  if (!roleAllows({ role: session.staff.role, required: role })) redirect('/staff?refused=role')
  if (recent && !isRecentSignIn({ authenticatedAt: session.authenticatedAt, now })) redirect(`/staff/reauthenticate?next=${encodeURIComponent(returnTo)}`)
  return session
}

/** A `next` parameter that stays on the staff console (/staff or /admin). */
export function safeStaffReturnPath(next: string | null | undefined): string {
  return next && /^\/(staff|admin)(\/[\w\-./?=&%]*)?$/.test(next) && !next.includes('//') && !next.startsWith('/staff/sign-in') ? next : '/staff'
}
