// Pure: the names next-auth gives its session cookie (plain, and with the
// __Secure- prefix on https), for checks that only need to know whether a
// request carries one (proxy.ts).
export const SESSION_COOKIE_NAMES = ['next-auth.session-token', '__Secure-next-auth.session-token'] as const
