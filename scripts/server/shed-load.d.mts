import type { IncomingMessage, ServerResponse } from 'node:http'

/** See shed-load.mjs. */
export const SHED_RETRY_AFTER_SECONDS: number
export function loadShedder(options: { maxInFlight: number; maxLagMs?: number }): {
  inFlight(): number
  shed(): number
  stop(): void
  admit(request: IncomingMessage, response: ServerResponse): boolean
}
