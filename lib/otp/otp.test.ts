import { describe, expect, it } from 'vitest'
import { base32ToBytes, bytesToBase32 } from './base32'
import { buildKeyUri } from './build-key-uri'
import { generateOtp, hotpCodeAt } from './generate-otp'
import { generateOtpSecret } from './generate-otp-secret'
import { verifyHotp, verifyTotp } from './verify-otp'

const secret = generateOtpSecret()
const now = 1_800_000_000_000 // a fixed moment: step 60,000,000
const step = Math.floor(now / 1000 / 30)
const codeAt = (s: number) => hotpCodeAt({ secret, counter: s })

describe('generateOtpSecret', () => {
  it('is 160 random bits in base32', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(base32ToBytes(secret)).toHaveLength(20)
    expect(generateOtpSecret()).not.toBe(secret)
  })
})

describe('base32', () => {
  it('round-trips and matches RFC 4648 test vectors', () => {
    expect(bytesToBase32(Buffer.from('foobar'))).toBe('MZXW6YTBOI')
    expect(Buffer.from(base32ToBytes('MZXW6YTBOI======')).toString()).toBe('foobar')
    expect(() => base32ToBytes('MZXW6YTB0I')).toThrow(/Invalid base32/) // zero is not in the alphabet
    expect(() => base32ToBytes('mzxw6ytboi')).toThrow(/Invalid base32/)
  })
})

describe('verifyTotp', () => {
  it('accepts the current step and one either side, reporting which step matched', () => {
    expect(verifyTotp({ secret, code: codeAt(step), now })).toEqual({ valid: true, timeStep: step })
    expect(verifyTotp({ secret, code: codeAt(step - 1), now })).toEqual({ valid: true, timeStep: step - 1 })
    expect(verifyTotp({ secret, code: codeAt(step + 1), now })).toEqual({ valid: true, timeStep: step + 1 })
  })

  it('rejects codes two steps away with window 1, and accepts them with window 2', () => {
    expect(verifyTotp({ secret, code: codeAt(step - 2), now })).toEqual({ valid: false })
    expect(verifyTotp({ secret, code: codeAt(step + 2), now })).toEqual({ valid: false })
    expect(verifyTotp({ secret, code: codeAt(step + 2), now, window: 2 })).toEqual({ valid: true, timeStep: step + 2 })
  })

  it('never accepts a step at or before the last accepted one (replay)', () => {
    expect(verifyTotp({ secret, code: codeAt(step), now, afterTimeStep: step })).toEqual({ valid: false })
    expect(verifyTotp({ secret, code: codeAt(step - 1), now, afterTimeStep: step - 1 })).toEqual({ valid: false })
    expect(verifyTotp({ secret, code: codeAt(step + 1), now, afterTimeStep: step })).toEqual({ valid: true, timeStep: step + 1 })
  })

  it.each([
    ['spaces', (c: string) => `${c.slice(0, 3)} ${c.slice(3)}`],
    ['leading space', (c: string) => ` ${c}`],
    ['too short', (c: string) => c.slice(1)],
    ['too long', (c: string) => `${c}0`],
    ['fullwidth digits', (c: string) => c.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)))],
    ['Arabic-Indic digits', (c: string) => c.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)))],
    ['a sign', (c: string) => `+${c.slice(1)}`],
  ])('rejects %s without computing', (_, mangle) => {
    expect(verifyTotp({ secret, code: mangle(codeAt(step)), now })).toEqual({ valid: false })
  })

  it('generateOtp agrees with verifyTotp for 8-digit SHA256 tokens', () => {
    const code = generateOtp({ type: 'TOTP', secret, algorithm: 'SHA256', digits: 8, timestamp: now })
    expect(code).toMatch(/^\d{8}$/)
    expect(verifyTotp({ secret, code, algorithm: 'SHA256', digits: 8, now })).toEqual({ valid: true, timeStep: step })
    expect(verifyTotp({ secret, code, algorithm: 'SHA1', digits: 8, now })).toEqual({ valid: false })
  })
})

describe('verifyHotp', () => {
  it('finds a code within the look-ahead and returns the next counter', () => {
    expect(verifyHotp({ secret, code: codeAt(5), counter: 5 })).toEqual({ valid: true, nextCounter: 6 })
    expect(verifyHotp({ secret, code: codeAt(15), counter: 5 })).toEqual({ valid: true, nextCounter: 16 })
  })

  it('rejects codes beyond the look-ahead, and codes already used', () => {
    expect(verifyHotp({ secret, code: codeAt(16), counter: 5 })).toEqual({ valid: false })
    expect(verifyHotp({ secret, code: codeAt(16), counter: 5, lookAhead: 11 })).toEqual({ valid: true, nextCounter: 17 })
    expect(verifyHotp({ secret, code: codeAt(4), counter: 5 })).toEqual({ valid: false })
    expect(verifyHotp({ secret, code: 'abcdef', counter: 5 })).toEqual({ valid: false })
  })
})

describe('buildKeyUri', () => {
  const base = { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }

  it('builds the standard TOTP URI', () => {
    expect(buildKeyUri({ ...base, type: 'TOTP', issuer: 'Acme', accountName: 'jdoe' })).toBe(
      'otpauth://totp/Acme:jdoe?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Acme&algorithm=SHA1&digits=6&period=30',
    )
  })

  it('escapes spaces, @, : and non-ASCII in issuer and account', () => {
    const uri = buildKeyUri({ ...base, type: 'TOTP', issuer: 'Acme: Zürich Co', accountName: 'j.doe@acme.example' })
    expect(uri).toBe(
      'otpauth://totp/Acme%3A%20Z%C3%BCrich%20Co:j.doe%40acme.example?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Acme%3A%20Z%C3%BCrich%20Co&algorithm=SHA1&digits=6&period=30',
    )
    const url = new URL(uri)
    expect(url.searchParams.get('issuer')).toBe('Acme: Zürich Co')
    expect(url.searchParams.get('secret')).toBe(base.secret)
    const [issuer, account] = url.pathname.replace(/^\/+/, '').split(':').map(decodeURIComponent)
    expect([issuer, account]).toEqual(['Acme: Zürich Co', 'j.doe@acme.example'])
  })

  it('builds HOTP URIs with a counter and no period', () => {
    const uri = buildKeyUri({ ...base, type: 'HOTP', issuer: 'Acme', accountName: 'jdoe', counter: 7, digits: 8 })
    expect(uri).toBe('otpauth://hotp/Acme:jdoe?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Acme&algorithm=SHA1&digits=8&counter=7')
  })

  it.each([
    [{ issuer: '' }, /issuer is required/],
    [{ accountName: ' ' }, /account name is required/],
    [{ digits: 7 }, /digits must be 6 or 8/],
    [{ period: 5 }, /period must be/],
    [{ secret: 'not base32!' }, /Invalid base32/],
  ])('rejects %o', (override, message) => {
    expect(() => buildKeyUri({ ...base, type: 'TOTP', issuer: 'Acme', accountName: 'jdoe', ...override })).toThrow(message)
  })
})
