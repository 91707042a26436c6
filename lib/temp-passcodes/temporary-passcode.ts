import 'server-only'
import { randomInt } from 'node:crypto'
import { keyedHash, verifyKeyedHash } from '@/lib/crypto'

// No 0/O, 1/I/L, U/V: easy to read aloud over the phone and type on any keyboard.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ'
const LENGTH = 10 // 29^10 ≈ 2^48.6

export function generateTemporaryPasscode(): string {
  let code = ''
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)]
  return code
}

/** Case does not matter when typed; the canonical form is upper-case. */
export function canonicalTemporaryPasscode(value: string): string {
  return value.toUpperCase()
}

export function isTemporaryPasscodeShape(value: string): boolean {
  return value.length === LENGTH && [...canonicalTemporaryPasscode(value)].every((c) => ALPHABET.includes(c))
}

export function hashTemporaryPasscode({ userId, passcode }: { userId: string; passcode: string }): string {
  return keyedHash({ purpose: 'temp-passcode', value: canonicalTemporaryPasscode(passcode), salt: userId })
}

export function verifyTemporaryPasscode({ userId, passcode, codeHash }: { userId: string; passcode: string; codeHash: string }): boolean {
  return verifyKeyedHash({ purpose: 'temp-passcode', value: canonicalTemporaryPasscode(passcode), salt: userId, hash: codeHash })
}

/** For display: two groups of five, the way the helpdesk reads it out. */
export function formatTemporaryPasscode(passcode: string): string {
  return `${passcode.slice(0, 5)} ${passcode.slice(5)}`
}
