import { timingSafeEqual } from 'node:crypto'
import { hotpCodeAt, timeStepAt, type OtpParameters } from './generate-otp'
import { isOtpCode } from './types'

function sameCode(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

/**
 * Checks a TOTP code against the steps now−window … now+window and returns
 * the step that matched. Steps at or before `afterTimeStep` (the last one
 * accepted for this token) are never accepted: that is what makes a code
 * single-use. The caller stores the returned step with a conditional update.
 */
export function verifyTotp({
  code,
  window = 1,
  now = Date.now(),
  afterTimeStep,
  period = 30,
  digits = 6,
  ...params
}: OtpParameters & { code: string; window?: number; now?: number; afterTimeStep?: number | null }):
  | { valid: true; timeStep: number }
  | { valid: false } {
  if (!isOtpCode(code, digits)) return { valid: false }
  const current = timeStepAt({ timestamp: now, period })
  // Nearest steps first: a clock in sync matches on the first try.
  const offsets = [0]
  for (let d = 1; d <= window; d++) offsets.push(-d, d)
  // Every step is computed, matched or not: a right or wrong code costs the same.
  let matched: number | null = null
  for (const offset of offsets) {
    const step = current + offset
    if (step < 0 || (afterTimeStep != null && step <= afterTimeStep)) continue
    if (sameCode(hotpCodeAt({ ...params, digits, counter: step }), code) && matched === null) matched = step
  }
  return matched === null ? { valid: false } : { valid: true, timeStep: matched }
}

/**
 * Checks an HOTP code against counter … counter+lookAhead (a user may have
 * pressed the button without signing in) and returns the counter to store
 * next. Codes for counters below `counter` were used already and never match.
 */
export function verifyHotp({
  code,
  counter,
  lookAhead = 10,
  digits = 6,
  ...params
}: OtpParameters & { code: string; counter: number; lookAhead?: number }):
  | { valid: true; nextCounter: number }
  | { valid: false } {
  if (!isOtpCode(code, digits)) return { valid: false }
  let matched: number | null = null
  for (let c = counter; c <= counter + lookAhead; c++) {
    if (sameCode(hotpCodeAt({ ...params, digits, counter: c }), code) && matched === null) matched = c
  }
  return matched === null ? { valid: false } : { valid: true, nextCounter: matched + 1 }
}
