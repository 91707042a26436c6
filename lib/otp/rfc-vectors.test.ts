import { describe, expect, it } from 'vitest'
import { bytesToBase32 } from './base32'
import { generateOtp, hotpCodeAt } from './generate-otp'
import { verifyHotp, verifyTotp } from './verify-otp'

const ascii = (s: string) => bytesToBase32(Buffer.from(s, 'ascii'))

describe('RFC 4226 Appendix D (HOTP, SHA1, 6 digits)', () => {
  const secret = ascii('12345678901234567890')
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489']

  it.each(expected.map((code, counter) => [counter, code] as const))('counter %i → %s', (counter, code) => {
    expect(hotpCodeAt({ secret, counter })).toBe(code)
    expect(generateOtp({ type: 'HOTP', secret, counter })).toBe(code)
    expect(verifyHotp({ secret, code, counter: 0, lookAhead: 9 })).toEqual({ valid: true, nextCounter: counter + 1 })
  })
})

describe('RFC 6238 Appendix B (TOTP, 8 digits, 30 s)', () => {
  const seeds = {
    SHA1: ascii('12345678901234567890'),
    SHA256: ascii('12345678901234567890123456789012'),
    SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
  } as const
  const table: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ]
  const cases = table.flatMap(([time, sha1, sha256, sha512]) => [
    [time, 'SHA1', sha1] as const,
    [time, 'SHA256', sha256] as const,
    [time, 'SHA512', sha512] as const,
  ])

  it.each(cases)('T=%i %s → %s', (time, algorithm, code) => {
    const params = { secret: seeds[algorithm], algorithm, digits: 8, period: 30 }
    expect(generateOtp({ type: 'TOTP', timestamp: time * 1000, ...params })).toBe(code)
    expect(verifyTotp({ code, now: time * 1000, window: 0, ...params })).toEqual({
      valid: true,
      timeStep: Math.floor(time / 30),
    })
  })
})
