import 'server-only'
import { keyedHash, verifyKeyedHash } from '@/lib/crypto'

// PINs are short, so a database dump alone must not allow guessing them:
// the HMAC pepper lives outside the database. The token id salts the hash so
// two tokens with the same PIN do not share a hash. A slow hash would add
// nothing the pepper does not already give, and would cap validation speed.

export function hashPin({ tokenId, pin }: { tokenId: string; pin: string }): string {
  return keyedHash({ purpose: 'pin', value: pin, salt: tokenId })
}

export function verifyPin({ tokenId, pin, pinHash }: { tokenId: string; pin: string; pinHash: string }): boolean {
  return verifyKeyedHash({ purpose: 'pin', value: pin, salt: tokenId, hash: pinHash })
}
