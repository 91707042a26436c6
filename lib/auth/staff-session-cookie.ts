import 'server-only'
import { decode, encode, type JWTDecodeParams, type JWTEncodeParams } from 'next-auth/jwt'
import { getConfig } from '@/lib/config'
import { STAFF_SESSION_COOKIE_NAMES } from './session-cookie-names'

/** The longest a staff session can last, however active. */
export const STAFF_SESSION_MAX_AGE_SECONDS = 10 * 3600

// next-auth derives the JWT's encryption key from NEXTAUTH_SECRET and a
// salt. A salt of our own for staff means a user's session token cannot
// even be decrypted as a staff one (nor the other way round), on top of
// living in another cookie and pointing at another table.
const STAFF_SALT = 'token-portal staff session'

export const encodeStaffJwt = (params: JWTEncodeParams) => encode({ ...params, salt: STAFF_SALT })
export const decodeStaffJwt = (params: JWTDecodeParams) => decode({ ...params, salt: STAFF_SALT })

/** The staff session cookie: HttpOnly, SameSite=Lax, Secure with the __Secure- prefix on https, as next-auth sets its own. */
export function staffSessionCookie() {
  const secure = getConfig().appUrl.startsWith('https:')
  return { name: STAFF_SESSION_COOKIE_NAMES[secure ? 1 : 0], options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure } }
}

export type StaffSessionClaims = { sub: string; sid: string }

export async function encodeStaffSessionToken(claims: StaffSessionClaims): Promise<string> {
  return encodeStaffJwt({ token: claims, secret: getConfig().nextAuthSecret, maxAge: STAFF_SESSION_MAX_AGE_SECONDS })
}

/** Sets the staff session cookie for a session row that just started (server actions). */
export async function setStaffSessionCookie(claims: StaffSessionClaims): Promise<void> {
  const { cookies } = await import('next/headers')
  const { name, options } = staffSessionCookie()
  ;(await cookies()).set(name, await encodeStaffSessionToken(claims), { ...options, maxAge: STAFF_SESSION_MAX_AGE_SECONDS })
}

export async function clearStaffSessionCookie(): Promise<void> {
  const { cookies } = await import('next/headers')
  const { name, options } = staffSessionCookie()
  ;(await cookies()).set(name, '', { ...options, maxAge: 0 })
}
