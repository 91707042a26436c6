// Pure: the names next-auth gives its session cookie (plain, and with the
// __Secure- prefix on https), for checks that only need to know whether a
// request carries one (proxy.ts).
export const SESSION_COOKIE_NAMES = ['next-auth.session-token', '__Secure-next-auth.session-token'] as const

// Staff sessions have a cookie of their own: a user's cookie is never read
// on a staff page, nor a staff member's on a user page.
export const STAFF_SESSION_COOKIE_NAMES = ['portal-staff.session-token', '__Secure-portal-staff.session-token'] as const
