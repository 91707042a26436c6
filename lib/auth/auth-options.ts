import 'server-only'
import type { AuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { getConfig } from '@/lib/config'
import { requestContext } from '@/lib/http'
import { checkUserSession } from './check-user-session'
import { sessionCookie, SESSION_MAX_AGE_SECONDS } from './session-cookie'
import { signInWithPasscode } from './sign-in-with-passcode'
import type { UserSession } from './user-session'
import { authLogger } from './auth-logger'

export type PortalSession = { expires: string; portal: UserSession | null }

let options: AuthOptions | undefined

/**
 * next-auth for end users: JWT sessions (the credentials provider requires
 * them) whose token carries only the id of a UserSession row; the session
 * callback checks that row on every request (lib/auth/check-user-session),
 * so idle timeouts and "end every session" take effect at once. The
 * credentials provider signs in with username + passcode through the same
 * check as the portal's sign-in form (a server action, for pages that work
 * without JavaScript; see docs/decisions/009).
 */
export function getAuthOptions(): AuthOptions {
  if (options) return options
  const config = getConfig()
  const cookie = sessionCookie()
  options = {
    secret: config.nextAuthSecret,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    cookies: { sessionToken: cookie },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    logger: authLogger(),
    providers: [
      CredentialsProvider({
        id: 'passcode',
        name: 'Username and passcode',
        credentials: { username: { label: 'Username', type: 'text' }, passcode: { label: 'Passcode', type: 'password' } },
        async authorize(credentials, request) {
          const headers = new Headers(Object.entries(request?.headers ?? {}).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : [])))
          const result = await signInWithPasscode({ username: credentials?.username ?? '', passcode: credentials?.passcode ?? '', context: requestContext(headers) })
          if (!result.ok) throw new Error(result.message)
          return { id: result.userId, sid: result.sessionId, kind: 'FULL' } as { id: string }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        const signedIn = user as { sid?: string; kind?: string } | undefined
        if (signedIn?.sid) Object.assign(token, { sid: signedIn.sid, kind: signedIn.kind })
        return token
      },
      async session({ session, token }) {
        const sid = typeof token.sid === 'string' ? token.sid : null
        return { expires: session.expires, portal: sid ? await checkUserSession({ sessionId: sid }) : null } as unknown as typeof session
      },
    },
  }
  return options
}
