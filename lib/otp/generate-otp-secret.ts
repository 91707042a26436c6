import 'server-only'
import { randomBytes } from 'node:crypto'
import { bytesToBase32 } from './base32'

/** A fresh 160-bit seed (RFC 4226 recommends 160), as base32 for authenticator apps. */
export function generateOtpSecret(): string {
  return bytesToBase32(randomBytes(20))
}
