import 'server-only'
import { createHmac, timingSafeEqual } from 'node:crypto'
import { getConfig } from '@/lib/config'

export type HashPurpose = 'pin' | 'link-token' | 'temp-passcode' | 'api-key' | 'user-link' | 'recovery-code' | 'browser-binding' | 'audit-fingerprint' | 'staff-link'

function field(value: string): Buffer {
  const bytes = Buffer.from(value, 'utf8')
  const length = Buffer.alloc(4)
  length.writeUInt32BE(bytes.length)
  return Buffer.concat([length, bytes])
}

/**
 * HMAC-SHA-256 keyed with HASH_PEPPER, which lives outside the database. The
 * purpose, salt and value are length-prefixed, so a PIN hash can never equal
 * a link-token hash and ("ab","c") never collides with ("a","bc").
 * Deterministic, so link tokens and API keys can be looked up by hash.
 */
export function keyedHash({
  purpose,
  value,
  salt = '',
  pepper = getConfig().hashPepper,
}: {
  purpose: HashPurpose
  value: string
  salt?: string
  pepper?: Buffer
}): string {
  return createHmac('sha256', pepper)
    .update(field('token-portal v1'))
    .update(field(purpose))
    .update(field(salt))
    .update(field(value))
    .digest('base64url')
}

/** Constant-time check of a value against a stored keyed hash. */
export function verifyKeyedHash({
  hash,
  ...input
}: {
  purpose: HashPurpose
  value: string
  salt?: string
  pepper?: Buffer
  hash: string
}): boolean {
  const expected = Buffer.from(keyedHash(input))
  const actual = Buffer.from(hash)
  // Compare equal lengths only, against itself on a mismatch, so timing never depends on content.
  const same = timingSafeEqual(expected, actual.length === expected.length ? actual : expected)
  return same && actual.length === expected.length
}
