import 'server-only'
import { randomInt } from 'node:crypto'
import { keyedHash, verifyKeyedHash } from '@/lib/crypto'

// Twelve characters from the temporary passcodes' alphabet (no 0/O, 1/I/L,
// U/V): 29^12 ≈ 2^58, read and typed as XXXX-XXXX-XXXX. Twelve, not ten, so
// a recovery code never has a temporary passcode's shape.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ'
const LENGTH = 12
export const RECOVERY_CODES_PER_BATCH = 10

export function generateRecoveryCode(): string {
  let code = ''
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)]
  return code
}

/** As shown and printed: three groups of four. */
export function formatRecoveryCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-')
}

/** What a person typed, in canonical form: dashes and spaces dropped, upper-case. */
export function normalizeRecoveryCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase()
}

export function isRecoveryCodeShape(typed: string): boolean {
  const code = normalizeRecoveryCode(typed)
  return code.length === LENGTH && [...code].every((c) => ALPHABET.includes(c))
}

export function hashRecoveryCode({ userId, code }: { userId: string; code: string }): string {
  return keyedHash({ purpose: 'recovery-code', value: normalizeRecoveryCode(code), salt: userId })
}

export function verifyRecoveryCode({ userId, code, codeHash }: { userId: string; code: string; codeHash: string }): boolean {
  return verifyKeyedHash({ purpose: 'recovery-code', value: normalizeRecoveryCode(code), salt: userId, hash: codeHash })
}
