import 'server-only'
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { getConfig } from '@/lib/config'
import type { Keyring } from './keyring'

const VERSION = 1
const IV_BYTES = 12
const TAG_BYTES = 16

export class SecretOpenError extends Error {
  override name = 'SecretOpenError'
  constructor() {
    super('A stored secret could not be opened: wrong key, or the data was altered')
  }
}

/**
 * AES-256-GCM with a random 96-bit IV. `context` (e.g. the token serial) is
 * bound as associated data, so a ciphertext copied onto another row fails to
 * open instead of quietly giving that row someone else's seed.
 * Layout: base64url(version | iv | tag | ciphertext).
 */
export function sealSecret({
  plaintext,
  context,
  keyring = getConfig().keyring,
}: {
  plaintext: string | Buffer
  context: string
  keyring?: Keyring
}): { keyId: string; ciphertext: string } {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  const sealed = Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body])
  return { keyId: keyring.current.id, ciphertext: sealed.toString('base64url') }
}

export function openSecret({
  keyId,
  ciphertext,
  context,
  keyring = getConfig().keyring,
}: {
  keyId: string
  ciphertext: string
  context: string
  keyring?: Keyring
}): Buffer {
  const key = keyring.keys.get(keyId)
  const sealed = Buffer.from(ciphertext, 'base64url')
  if (!key || sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw new SecretOpenError()
  const iv = sealed.subarray(1, 1 + IV_BYTES)
  const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES)
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
    decipher.setAAD(Buffer.from(context, 'utf8'))
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()])
  } catch {
    throw new SecretOpenError()
  }
}
