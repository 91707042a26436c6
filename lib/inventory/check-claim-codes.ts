// Pure: no database, no clock of its own, so the claim's proof is unit-tested exactly.
import { timingSafeEqual } from 'node:crypto'
import { hotpCodeAt, isOtpCode, timeStepAt, type OtpAlgorithm, type OtpType } from '@/lib/otp'

export type ClaimCodeCheck = { valid: true; counter: number; lastTimeStep: number | null } | { valid: false }

function same(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

/**
 * Two consecutive codes prove that whoever claims a token holds the device,
 * and make a guess hopeless: one 6-digit code is 1 in 10^6 per try (times
 * the look-ahead), two consecutive ones are 1 in 10^12.
 *
 * HOTP: `first` is the code at some counter c in counter … counter+lookAhead
 * (button presses not used) and `second` the one at c+1; the counter to
 * store next is c+2. TOTP: `first` at time step s and `second` at s+1, with
 * s+1 within `window` steps of now (the person waits for the next code, so
 * the second is the current one); s+1 is stored as the last accepted step.
 * Every candidate is computed, matched or not, so timing says nothing.
 */
export function checkClaimCodes({
  type,
  secret,
  algorithm,
  digits,
  period,
  counter,
  first,
  second,
  lookAhead,
  window,
  now,
}: {
  type: OtpType
  /** Base32 seed. */
  secret: string
  algorithm: OtpAlgorithm
  digits: number
  period: number
  /** HOTP: the next counter value expected. */
  counter: number
  first: string
  second: string
  lookAhead: number
  window: number
  /** Milliseconds since the epoch. */
  now: number
}): ClaimCodeCheck {
  if (!isOtpCode(first, digits) || !isOtpCode(second, digits)) return { valid: false }
  const code = (c: number) => hotpCodeAt({ secret, algorithm, digits, counter: c })
  if (type === 'HOTP') {
    let matched: number | null = null
    let previous = code(counter)
    for (let c = counter; c <= counter + lookAhead; c++) {
      const next = code(c + 1)
      if (same(previous, first) && same(next, second) && matched === null) matched = c
      previous = next
    }
    return matched === null ? { valid: false } : { valid: true, counter: matched + 2, lastTimeStep: null }
  }
  const current = timeStepAt({ timestamp: now, period })
  let matched: number | null = null
  for (let s = current - window; s <= current + window; s++) {
    if (s < 1) continue
    if (same(code(s - 1), first) && same(code(s), second) && matched === null) matched = s
  }
  return matched === null ? { valid: false } : { valid: true, counter, lastTimeStep: matched }
}
