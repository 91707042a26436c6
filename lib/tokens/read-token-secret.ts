import 'server-only'
import { openSecret } from '@/lib/crypto'

/** Opens a token's sealed seed (base32). Throws if the row was tampered with or moved. */
export function readTokenSecret({
  token,
}: {
  token: { serial: string; secretCiphertext: string; secretKeyId: string }
}): string {
  return openSecret({ keyId: token.secretKeyId, ciphertext: token.secretCiphertext, context: token.serial }).toString(
    'utf8',
  )
}
