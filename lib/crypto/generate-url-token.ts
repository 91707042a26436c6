import 'server-only'
import { randomBytes } from 'node:crypto'

/** A random URL-safe token (link tokens, API keys). At least 128 bits; 256 by default. */
export function generateUrlToken({ bytes = 32 }: { bytes?: number } = {}): string {
  if (!Number.isInteger(bytes) || bytes < 16) throw new Error('A URL token needs at least 16 random bytes (128 bits)')
  return randomBytes(bytes).toString('base64url')
}
