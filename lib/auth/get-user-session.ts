import 'server-only'
import { getServerSession } from 'next-auth'
import { cache } from 'react'
import { getAuthOptions, type PortalSession } from './auth-options'
import type { UserSession } from './user-session'

/**
 * The signed-in user of this request, or null: next-auth decodes the
 * session cookie and the session callback checks its row. Once per
 * request, however many components ask.
 */
export const getUserSession = cache(async (): Promise<UserSession | null> => {
  const session = (await getServerSession(getAuthOptions())) as PortalSession | null
  return session?.portal ?? null
})
