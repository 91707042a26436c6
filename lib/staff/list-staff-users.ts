import 'server-only'
import { getDb } from '@/lib/db'
import { roleName } from './add-staff-user'

export type StaffListItem = { id: string; username: string; email: string; displayName: string | null; role: 'helpdesk' | 'admin'; status: 'pending' | 'active' | 'disabled'; lastSignInAt: Date | null }

const SELECT = { id: true, username: true, email: true, displayName: true, role: true, activatedAt: true, disabledAt: true, lastSignInAt: true } as const

function toItem(r: { id: string; username: string; email: string; displayName: string | null; role: 'HELPDESK' | 'ADMIN'; activatedAt: Date | null; disabledAt: Date | null; lastSignInAt: Date | null }): StaffListItem {
  return { id: r.id, username: r.username, email: r.email, displayName: r.displayName, role: roleName(r.role), status: r.disabledAt ? 'disabled' : r.activatedAt ? 'active' : 'pending', lastSignInAt: r.lastSignInAt }
}

/** Every staff account, by username: who they are, their role, whether set-up finished. */
export async function listStaffUsers(): Promise<StaffListItem[]> {
  return (await getDb().staffUser.findMany({ orderBy: { username: 'asc' }, take: 1000, select: SELECT })).map(toItem)
}

/** One staff account; null for an unknown id. */
export async function getStaffUser({ id }: { id: string }): Promise<StaffListItem | null> {
  const row = await getDb().staffUser.findUnique({ where: { id }, select: SELECT })
  return row ? toItem(row) : null
}
