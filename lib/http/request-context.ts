// Pure: who is asking, for the audit log and per-address rate limits.

type HeaderReader = { get(name: string): string | null }

/**
 * The client address is the X-Forwarded-For value our server set
 * (scripts/server/start.mjs): the socket's address, or, behind a proxy named
 * in TRUSTED_PROXIES, the address that proxy saw. Whatever a client sends in
 * that header itself is replaced before the application sees it. Bounded and
 * checked all the same.
 */
export function requestContext(headers: HeaderReader): { ip: string | null; userAgent: string | null } {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? ''
  const ip = /^[0-9A-Fa-f:.]{2,45}$/.test(forwarded) ? forwarded : null
  const userAgent = headers.get('user-agent')?.slice(0, 512) ?? null
  return { ip, userAgent }
}
