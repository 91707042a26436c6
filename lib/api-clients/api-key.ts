import 'server-only'
import { generateUrlToken, keyedHash } from '@/lib/crypto'

// "tp_" + 32 random bytes (base64url): recognisable in a config file or a
// leaked-secret scanner, and far beyond guessing. Stored only as a keyed hash.
const KEY_SHAPE = /^tp_[A-Za-z0-9_-]{43}$/

export function generateApiKey(): { key: string; keyHash: string; keyPrefix: string } {
  const key = `tp_${generateUrlToken()}`
  return { key, keyHash: hashApiKey(key), keyPrefix: key.slice(0, 11) }
}

export function hashApiKey(key: string): string {
  return keyedHash({ purpose: 'api-key', value: key })
}

export function isApiKeyShape(value: string): boolean {
  return KEY_SHAPE.test(value)
}
