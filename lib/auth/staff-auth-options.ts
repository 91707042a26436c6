import 'server-only'
import type { AuthOptions } from 'next-auth'
import { getConfig } from '@/lib/config'
import { checkStaffSession } from './check-staff-session'
import { decodeStaffJwt, encodeStaffJwt, STAFF_SESSION_MAX_AGE_SECONDS, staffSessionCookie } from './staff-session-cookie'
import type { StaffSession } from './staff-session'
import { authLogger } from './auth-logger'

export type StaffPortalSession = { expires: string; staff: StaffSession | null }

let options: AuthOptions | undefined

/**
 * next-auth for staff, read with getServerSession: its own cookie, its own
 * JWT salt, and a session callback that checks the StaffSession row on
 * every request. No provider and no /api/auth route: staff sign in only
 * through /staff/sign-in's server action (decision 010), which sets this
 * cookie; next-auth decodes and checks it.
 */
export function getStaffAuthOptions(): AuthOptions {
  if (options) return options
  const config = getConfig()
  options = {
    secret: config.nextAuthSecret,
    session: { strategy: 'jwt', maxAge: STAFF_SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: STAFF_SESSION_MAX_AGE_SECONDS, encode: encodeStaffJwt, decode: decodeStaffJwt },
    cookies: { sessionToken: staffSessionCookie() },
    pages: { signIn: '/staff/sign-in', error: '/staff/sign-in' },
    logger: authLogger(),
    providers: [],
    callbacks: {
      async session({ session, token }) {
        const sid = typeof token.sid === 'string' ? token.sid : null
        return { expires: session.expires, staff: sid ? await checkStaffSession({ sessionId: sid }) : null } as unknown as typeof session
      },
    },
  }
  return options
}
