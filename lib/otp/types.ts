export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512'
export type OtpType = 'TOTP' | 'HOTP'

export const OTP_ALGORITHMS: readonly OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512']
export const OTP_DIGITS = [6, 8] as const

/** Exactly `digits` ASCII digits: no spaces, no signs, no Unicode digits. */
export function isOtpCode(code: unknown, digits: number): code is string {
  return typeof code === 'string' && code.length === digits && /^[0-9]+$/.test(code)
}
