import { generateSync } from 'otplib'
import { base32ToBytes } from './base32'
import type { OtpAlgorithm, OtpType } from './types'

export type OtpParameters = {
  /** Base32 seed. */
  secret: string
  algorithm?: OtpAlgorithm
  digits?: number
  period?: number
}

/** The time step a moment falls in (RFC 6238: T = floor(unix seconds / period)). */
export function timeStepAt({ timestamp, period = 30 }: { timestamp: number; period?: number }): number {
  return Math.floor(timestamp / 1000 / period)
}

/**
 * The code for one HOTP counter value. The HMAC and dynamic truncation are
 * otplib's (audited); TOTP is HOTP over the time step, which lets our own
 * verifiers report exactly which step matched.
 */
export function hotpCodeAt({ secret, algorithm = 'SHA1', digits = 6, counter }: OtpParameters & { counter: number }): string {
  return generateSync({
    strategy: 'hotp',
    secret: base32ToBytes(secret),
    counter,
    algorithm: algorithm.toLowerCase() as 'sha1' | 'sha256' | 'sha512',
    digits: digits as 6 | 7 | 8,
  })
}

/** The code a token shows: for TOTP at `timestamp` (ms, default now), for HOTP at `counter`. */
export function generateOtp({
  type,
  counter = 0,
  timestamp = Date.now(),
  period = 30,
  ...params
}: OtpParameters & { type: OtpType; counter?: number; timestamp?: number }): string {
  const c = type === 'TOTP' ? timeStepAt({ timestamp, period }) : counter
  return hotpCodeAt({ ...params, period, counter: c })
}
