import { base32ToBytes } from './base32'
import { OTP_ALGORITHMS, OTP_DIGITS, type OtpAlgorithm, type OtpType } from './types'

/**
 * The otpauth:// key URI that authenticator apps read from a QR code or a
 * deep link (Google Authenticator's Key Uri Format). Issuer and account are
 * percent-encoded separately so a ':' or '@' inside either cannot shift the
 * label split; the issuer is repeated as a parameter, as current apps expect.
 */
export function buildKeyUri({
  type,
  secret,
  issuer,
  accountName,
  algorithm = 'SHA1',
  digits = 6,
  period = 30,
  counter = 0,
}: {
  type: OtpType
  secret: string
  issuer: string
  accountName: string
  algorithm?: OtpAlgorithm
  digits?: number
  period?: number
  counter?: number
}): string {
  if (!issuer.trim()) throw new Error('Key URI: issuer is required')
  if (!accountName.trim()) throw new Error('Key URI: account name is required')
  if (!OTP_ALGORITHMS.includes(algorithm)) throw new Error(`Key URI: unsupported algorithm ${algorithm}`)
  if (!(OTP_DIGITS as readonly number[]).includes(digits)) throw new Error('Key URI: digits must be 6 or 8')
  if (type === 'TOTP' && !(Number.isInteger(period) && period >= 15 && period <= 120)) {
    throw new Error('Key URI: period must be 15–120 seconds')
  }
  if (type === 'HOTP' && !(Number.isInteger(counter) && counter >= 0)) throw new Error('Key URI: counter must be ≥ 0')
  base32ToBytes(secret) // throws on a malformed secret

  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}`
  const params = [
    `secret=${secret}`,
    `issuer=${encodeURIComponent(issuer)}`,
    `algorithm=${algorithm}`,
    `digits=${digits}`,
    type === 'TOTP' ? `period=${period}` : `counter=${counter}`,
  ]
  return `otpauth://${type.toLowerCase()}/${label}?${params.join('&')}`
}
