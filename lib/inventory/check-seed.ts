import { MAX_SEED_BYTES, MAX_SERIAL_LENGTH, MIN_SEED_BYTES } from './types'

/** Why a serial cannot be stored, or null. Serials are shown to people and typed by them. */
export function checkSerial(serial: string): string | null {
  if (serial.length > MAX_SERIAL_LENGTH) return `its serial is longer than ${MAX_SERIAL_LENGTH} characters`
  if (!/^[\x21-\x7e]+$/.test(serial)) return 'its serial has spaces or characters other than printable ASCII'
  return null
}

/** Why a seed is unusable, or null. */
export function checkSeedSecret(secret: Buffer): string | null {
  if (secret.length < MIN_SEED_BYTES) return `its secret is ${secret.length} bytes; at least ${MIN_SEED_BYTES} (128 bits, RFC 4226) are needed`
  if (secret.length > MAX_SEED_BYTES) return `its secret is ${secret.length} bytes; at most ${MAX_SEED_BYTES} are supported`
  return null
}
