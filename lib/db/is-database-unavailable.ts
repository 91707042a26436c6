// Pure: no database access, so routes and tests can use it anywhere.

// Connection-level failures (the server is stopped, restarting or gone) and
// a database that cannot write (disk full): the request was fine, the
// database cannot serve it right now. Gateways must hear "unavailable, try
// elsewhere" (503), never a 500 that looks like a bug, nor a reject.
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENOSPC'])
// SQLSTATE: 08 connection exception, 53 insufficient resources (53100 disk
// full), 57P01–57P03 shutdown / cannot connect now.
const POSTGRES_CODE = /^(08|53|57P0[1-3])/
const SQLITE_CODE = /^SQLITE_(FULL|IOERR|CANTOPEN|BUSY|LOCKED|READONLY)/
// Prisma's own codes: can't reach (P1001), timed out (P1002, P2024), closed (P1017).
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024'])
// Driver-adapter error kinds (Prisma 6 driver adapters).
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'DatabaseDoesNotExist'])
const MESSAGES =
  /ECONNREFUSED|Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|the database system is (shutting down|starting up|in recovery mode)|terminating connection due to administrator command|database or disk is full|disk I\/O error|Can't reach database server/i

/** True when `error` says the database is unreachable or cannot write, rather than that the request or the code is wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>()
  const visit = (value: unknown, depth: number): boolean => {
    if (typeof value !== 'object' || value === null || seen.has(value) || depth > 5) return false
    seen.add(value)
    const e = value as Record<string, unknown>
    const code = typeof e.code === 'string' ? e.code : undefined
    if (code && (NODE_CODES.has(code) || PRISMA_CODES.has(code) || SQLITE_CODE.test(code))) return true
    if (code && /^[0-9A-Z]{5}$/.test(code) && POSTGRES_CODE.test(code)) return true
    if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true
    if (typeof e.extendedCode === 'string' && SQLITE_CODE.test(e.extendedCode)) return true
    if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true
    // Prisma and the adapters wrap the driver's error: look inside.
    return ['cause', 'meta', 'driverAdapterError', 'originalError', 'errors'].some((key) => {
      const inner = e[key]
      return Array.isArray(inner) ? inner.some((item) => visit(item, depth + 1)) : visit(inner, depth + 1)
    })
  }
  return visit(error, 0)
}
