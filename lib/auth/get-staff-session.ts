import 'server-only'
import { getServerSession } from 'next-auth'
import { cache } from 'react'
import { getStaffAuthOptions, type StaffPortalSession } from './staff-auth-options'
import type { StaffSession } from './staff-session'

/** The signed-in staff member of this request, or null: next-auth decodes the staff cookie, the session callback checks its row. Once per request. */
export const getStaffSession = cache(async (): Promise<StaffSession | null> => {
  const session = (await getServerSession(getStaffAuthOptions())) as StaffPortalSession | null
  return session?.staff ?? null
})
