/** next-auth's error codes that mean "this cookie is not a session": the visitor is simply signed out. */
const ROUTINE = new Set(['JWT_SESSION_ERROR'])

const messageOf = (metadata: unknown): string => {
  if (metadata instanceof Error) return metadata.message
  const error = (metadata as { error?: unknown } | undefined)?.error
  return error instanceof Error ? error.message : ''
}

/**
 * next-auth's logger for both sign-ins: a forged, stale or foreign cookie
 * (JWT_SESSION_ERROR) is routine and reads as signed out, so it is not
 * logged with a stack trace on every request that carries one; anything
 * else is one line with its code and message, never the token or cookie.
 */
export function authLogger({ log = console.error }: { log?: (line: string) => void } = {}): { error: (code: string, metadata?: unknown) => void; warn: (code: string) => void; debug: (code: string, metadata?: unknown) => void } {
  return {
    error(code, metadata) {
      if (!ROUTINE.has(code)) log(`next-auth: ${code} ${messageOf(metadata)}`.trimEnd())
    },
    warn() {},
    debug() {},
  }
}
