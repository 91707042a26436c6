import 'server-only'
import { notFound } from 'next/navigation'
import { findActiveApiClient } from '@/lib/api-clients'
import { requireStaff, type StaffSession } from '@/lib/auth'

/**
 * For every page about one API client (both change its access, so both want
 * a recent sign-in): an administrator's session, then the active client or a 404.
 */
export async function loadApiClient(id: string, path: string): Promise<{ session: StaffSession; client: NonNullable<Awaited<ReturnType<typeof findActiveApiClient>>> }> {
  const session = await requireStaff({ role: 'ADMIN', returnTo: `/admin/api-clients/${encodeURIComponent(id)}${path}`, recent: true })
  const client = await findActiveApiClient(id)
  if (!client) notFound()
  return { session, client }
}
