import { createHash } from 'node:crypto'

// No `server-only` marker and no lib/config import: lib/config parses the
// environment with these functions.

export type Keyring = {
  /** The key new rows are sealed with. */
  current: { id: string; key: Buffer }
  /** Every key that may open a row, current included, by id. */
  keys: ReadonlyMap<string, Buffer>
}

function decodeBase64(value: string): Buffer {
  const trimmed = value.trim()
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return Buffer.alloc(0)
  return Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
}

/**
 * Key ids are derived from the key, never configured: stable across
 * restarts, different for every key, and revealing nothing about it.
 */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('token-portal key id v1\0').update(key).digest('hex').slice(0, 12)
}

export function parseKeyring({ current, previous = [] }: { current: string; previous?: string[] }): Keyring {
  const currentKey = decodeBase64(current)
  if (currentKey.length !== 32) throw new Error('SECRET_KEY is malformed: it must be 32 random bytes in base64')
  const keys = new Map<string, Buffer>([[keyIdOf(currentKey), currentKey]])
  previous.forEach((value, index) => {
    const key = decodeBase64(value)
    if (key.length !== 32) {
      throw new Error(`SECRET_KEYS_PREVIOUS entry ${index + 1} is malformed: each must be 32 random bytes in base64`)
    }
    keys.set(keyIdOf(key), key)
  })
  return { current: { id: keyIdOf(currentKey), key: currentKey }, keys }
}

export function parsePepper(value: string): Buffer {
  const pepper = decodeBase64(value)
  if (pepper.length < 32) throw new Error('HASH_PEPPER is malformed: it must be at least 32 random bytes in base64')
  return pepper
}
