import 'server-only'
import { encode } from 'next-auth/jwt'
import { getConfig } from '@/lib/config'
import { SESSION_COOKIE_NAMES } from './session-cookie-names'

/** The longest a signed-in session can last, however active: then sign in again. */
export const SESSION_MAX_AGE_SECONDS = 12 * 3600

/**
 * next-auth's session cookie, as next-auth names and sets it: HttpOnly,
 * SameSite=Lax, and Secure with the `__Secure-` prefix when APP_URL is https.
 * The JWT inside (next-auth's own encrypted format, keyed by
 * NEXTAUTH_SECRET) carries the session row's id; the row decides.
 */
export function sessionCookie() {
  const secure = getConfig().appUrl.startsWith('https:')
  return {
    name: SESSION_COOKIE_NAMES[secure ? 1 : 0],
    options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure },
  }
}

export type SessionClaims = { sub: string; sid: string; kind: 'FULL' | 'LIMITED' }

/** The cookie's value for a session row: a next-auth JWT. */
export async function encodeSessionToken(claims: SessionClaims): Promise<string> {
  return encode({ token: claims, secret: getConfig().nextAuthSecret, maxAge: SESSION_MAX_AGE_SECONDS })
}

/** Sets the session cookie for a session row that just started (server actions). */
export async function setSessionCookie(claims: SessionClaims): Promise<void> {
  const { cookies } = await import('next/headers')
  const { name, options } = sessionCookie()
  ;(await cookies()).set(name, await encodeSessionToken(claims), { ...options, maxAge: SESSION_MAX_AGE_SECONDS })
}

/** Removes the session cookie (sign-out; its row is ended first). */
export async function clearSessionCookie(): Promise<void> {
  const { cookies } = await import('next/headers')
  const { name, options } = sessionCookie()
  ;(await cookies()).set(name, '', { ...options, maxAge: 0 })
}
