import type { OtpAlgorithm, OtpType } from '@/lib/otp'

/** One hardware token's seed and parameters, read from a vendor's seed file. */
export type HardwareSeed = {
  serial: string
  type: OtpType
  /** The raw seed bytes. Only ever kept in memory, then sealed (lib/crypto). */
  secret: Buffer
  algorithm: OtpAlgorithm
  digits: number
  /** TOTP time step in seconds (30 for HOTP, unused). */
  period: number
  /** HOTP: the next counter value (0 for TOTP, unused). */
  counter: number
  /** Where in the file: "line 4" (CSV) or "key package 2" (PSKC). */
  where: string
}

/** An entry of the file that is not imported, and why (never a secret in it). */
export type SeedProblem = { where: string; serial?: string; reason: string }

export type SeedFile = {
  format: 'pskc' | 'csv'
  seeds: HardwareSeed[]
  /** PSKC key packages that are not OTP tokens we can use; CSV files have none (a bad row refuses the file). */
  skipped: SeedProblem[]
}

/** The seed sizes we accept: RFC 4226 requires at least 128 bits; 64 bytes is HMAC-SHA-512's block. */
export const MIN_SEED_BYTES = 16
export const MAX_SEED_BYTES = 64
export const MAX_SERIAL_LENGTH = 64
