// Pure: who is asking, for the audit log and per-address rate limits.

type HeaderReader = { get(name: string): string | null }

/**
 * The client address is the first X-Forwarded-For entry: Next.js sets the
 * header to the socket address when it is absent, and a reverse proxy in
 * front of the portal must set it (see README, Deployment). Bounded and
 * checked, since it is user-controlled when no proxy is in front.
 */
export function requestContext(headers: HeaderReader): { ip: string | null; userAgent: string | null } {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? ''
  const ip = /^[0-9A-Fa-f:.]{2,45}$/.test(forwarded) ? forwarded : null
  const userAgent = headers.get('user-agent')?.slice(0, 512) ?? null
  return { ip, userAgent }
}
