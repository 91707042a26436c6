import 'server-only'
import { getDb } from '@/lib/db'
import { roleName } from './add-staff-user'

export type StaffListItem = { id: string; username: string; email: string; displayName: string | null; role: 'helpdesk' | 'admin'; status: 'pending' | 'active' | 'disabled'; lastSignInAt: Date | null }

/** Every staff account, by username: who they are, their role, whether set-up finished. */
export async function listStaffUsers(): Promise<StaffListItem[]> {
  const rows = await getDb().staffUser.findMany({ orderBy: { username: 'asc' }, take: 1000, select: { id: true, username: true, email: true, displayName: true, role: true, activatedAt: true, disabledAt: true, lastSignInAt: true } })
  return rows.map((r) => ({ id: r.id, username: r.username, email: r.email, displayName: r.displayName, role: roleName(r.role), status: r.disabledAt ? 'disabled' : r.activatedAt ? 'active' : 'pending', lastSignInAt: r.lastSignInAt }))
}
