import { describe, expect, it } from 'vitest'
import { bytesToBase32, hotpCodeAt } from '@/lib/otp'
import { checkClaimCodes } from './check-claim-codes'

// RFC 4226's seed and its published HOTP values (appendix D).
const secret = bytesToBase32(Buffer.from('12345678901234567890'))
const RFC4226 = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489']
const base = { secret, algorithm: 'SHA1' as const, digits: 6, period: 30, lookAhead: 10, window: 1, now: 0 }

describe('checkClaimCodes: HOTP', () => {
  it('accepts the codes at counter and counter+1 and stores counter+2', () => {
    expect(checkClaimCodes({ ...base, type: 'HOTP', counter: 0, first: RFC4226[0]!, second: RFC4226[1]! })).toEqual({ valid: true, counter: 2, lastTimeStep: null })
  })
  it('finds a pair further on within the look-ahead (button presses never used)', () => {
    expect(checkClaimCodes({ ...base, type: 'HOTP', counter: 0, lookAhead: 7, first: RFC4226[7]!, second: RFC4226[8]! })).toEqual({ valid: true, counter: 9, lastTimeStep: null })
  })
  it('refuses a pair just beyond the look-ahead', () => {
    expect(checkClaimCodes({ ...base, type: 'HOTP', counter: 0, lookAhead: 6, first: RFC4226[7]!, second: RFC4226[8]! })).toEqual({ valid: false })
  })
  it('refuses codes that are not consecutive, reversed, repeated, or already used', () => {
    for (const [first, second] of [
      [RFC4226[0]!, RFC4226[2]!],
      [RFC4226[1]!, RFC4226[0]!],
      [RFC4226[3]!, RFC4226[3]!],
    ]) {
      expect(checkClaimCodes({ ...base, type: 'HOTP', counter: 0, first: first!, second: second! })).toEqual({ valid: false })
    }
    // Counter 2 is next: the pair at 0 and 1 was used.
    expect(checkClaimCodes({ ...base, type: 'HOTP', counter: 2, first: RFC4226[0]!, second: RFC4226[1]! })).toEqual({ valid: false })
  })
  it('refuses malformed codes and a wrong length', () => {
    expect(checkClaimCodes({ ...base, type: 'HOTP', counter: 0, first: '75522', second: RFC4226[1]! })).toEqual({ valid: false })
    expect(checkClaimCodes({ ...base, type: 'HOTP', counter: 0, first: 'abcdef', second: RFC4226[1]! })).toEqual({ valid: false })
    expect(checkClaimCodes({ ...base, type: 'HOTP', digits: 8, counter: 0, first: RFC4226[0]!, second: RFC4226[1]! })).toEqual({ valid: false })
  })
})

describe('checkClaimCodes: TOTP', () => {
  const period = 30
  const now = 1_764_000_015_000 // mid-step
  const step = Math.floor(now / 1000 / period)
  const at = (s: number) => hotpCodeAt({ secret, counter: s })

  it('accepts the previous and the current step, and stores the current one', () => {
    expect(checkClaimCodes({ ...base, type: 'TOTP', counter: 0, now, first: at(step - 1), second: at(step) })).toEqual({ valid: true, counter: 0, lastTimeStep: step })
  })
  it('accepts a pair whose second code is within the drift window, not beyond', () => {
    expect(checkClaimCodes({ ...base, type: 'TOTP', counter: 0, now, first: at(step), second: at(step + 1) })).toMatchObject({ valid: true, lastTimeStep: step + 1 })
    expect(checkClaimCodes({ ...base, type: 'TOTP', counter: 0, now, first: at(step + 1), second: at(step + 2) })).toEqual({ valid: false })
    expect(checkClaimCodes({ ...base, type: 'TOTP', counter: 0, now, window: 0, first: at(step - 2), second: at(step - 1) })).toEqual({ valid: false })
  })
  it('refuses one code typed twice, two steps apart, or in the wrong order', () => {
    expect(checkClaimCodes({ ...base, type: 'TOTP', counter: 0, now, first: at(step), second: at(step) })).toEqual({ valid: false })
    expect(checkClaimCodes({ ...base, type: 'TOTP', counter: 0, now, first: at(step - 2), second: at(step) })).toEqual({ valid: false })
    expect(checkClaimCodes({ ...base, type: 'TOTP', counter: 0, now, first: at(step), second: at(step - 1) })).toEqual({ valid: false })
  })
  it('uses the token’s own period and digits (60 s, 8 digits)', () => {
    const s60 = Math.floor(now / 1000 / 60)
    const c = (s: number) => hotpCodeAt({ secret, digits: 8, counter: s })
    expect(checkClaimCodes({ ...base, type: 'TOTP', counter: 0, now, period: 60, digits: 8, first: c(s60 - 1), second: c(s60) })).toMatchObject({ valid: true, lastTimeStep: s60 })
  })
})
