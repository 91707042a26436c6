import 'server-only'
import { notFound } from 'next/navigation'
import { requireStaff, type StaffSession } from '@/lib/auth'
import { getUserOverview, type UserOverview } from '@/lib/helpdesk'

/**
 * For every page about one user: a staff session (the `recent` sign-in that
 * sensitive actions need, when asked), then the user or a 404.
 */
export async function loadUser(id: string, path = '', { recent = false } = {}): Promise<{ session: StaffSession; overview: UserOverview }> {
  const session = await requireStaff({ returnTo: `/staff/users/${encodeURIComponent(id)}${path}`, recent })
  const overview = await getUserOverview({ userId: id })
  if (!overview) notFound()
  return { session, overview }
}
