// Pure: the PIN rules from settings, checked and explained in plain words.

export type PinPolicy = {
  minLength: number
  maxLength: number
  /** "digits": 0–9 only. "alphanumeric": letters A–Z, a–z and digits. */
  charset: 'digits' | 'alphanumeric'
  rejectTrivial: boolean
}

export type PinViolation = { code: 'required' | 'too-short' | 'too-long' | 'charset' | 'trivial' | 'username'; message: string }

export function pinPolicyFrom(settings: {
  pinMinLength: number
  pinMaxLength: number
  pinCharset: string
  pinRejectTrivial: boolean
}): PinPolicy {
  // Clamp what an administrator stored, so a bad value can never disable PINs.
  const minLength = Math.min(Math.max(settings.pinMinLength, 4), 32)
  const maxLength = Math.min(Math.max(settings.pinMaxLength, minLength), 32)
  return {
    minLength,
    maxLength,
    charset: settings.pinCharset === 'alphanumeric' ? 'alphanumeric' : 'digits',
    rejectTrivial: settings.pinRejectTrivial,
  }
}

/** The rules, one sentence each, to show next to the PIN field. */
export function describePinRules(policy: PinPolicy): string[] {
  return [
    policy.charset === 'digits'
      ? `${policy.minLength} to ${policy.maxLength} digits (0–9).`
      : `${policy.minLength} to ${policy.maxLength} characters: letters (A–Z, a–z) and digits.`,
    ...(policy.rejectTrivial
      ? ['Not easy to guess: no repeats like 0000, no runs like 1234 or 9876, no patterns like 1212.']
      : []),
    policy.charset === 'alphanumeric' ? 'Letters are case-sensitive.' : 'Only you know it: the helpdesk will never ask for it.',
  ]
}

const CHARSET = { digits: /^[0-9]*$/, alphanumeric: /^[A-Za-z0-9]*$/ }

// PINs people pick first. Rules below catch repeats, runs and short cycles;
// these are the common ones that the rules miss.
const COMMON = new Set(['1004', '2000', '2580', '0852', '1122', '1313', '6969', '1379', '1478', '3690', 'password', 'passw0rd', 'qwerty', 'abc123', 'letmein'])

/** Repeats (0000), runs up or down (1234, 9876, abcd) and short cycles (1212, 123123). */
export function isTrivialPin(pin: string): boolean {
  const p = pin.toLowerCase()
  if (COMMON.has(p)) return true
  for (let cycle = 1; cycle <= Math.floor(p.length / 2); cycle++) {
    if (p.length % cycle === 0 && p.slice(0, cycle).repeat(p.length / cycle) === p) return true
  }
  const steps = [...p].slice(1).map((c, i) => c.charCodeAt(0) - p.charCodeAt(i))
  if (steps.every((s) => s === 1) || steps.every((s) => s === -1)) return true
  return false
}

/**
 * Every rule the PIN breaks, each explained, so the person can fix all of
 * them at once. An empty list means the PIN is acceptable.
 */
export function checkPin({ pin, policy, username }: { pin: string; policy: PinPolicy; username?: string }): PinViolation[] {
  if (pin.length === 0) return [{ code: 'required', message: 'Choose a PIN.' }]
  const violations: PinViolation[] = []
  const chars = [...pin].length
  if (chars < policy.minLength) violations.push({ code: 'too-short', message: `Your PIN has ${chars} ${chars === 1 ? 'character' : 'characters'}; it needs at least ${policy.minLength}.` })
  if (chars > policy.maxLength) violations.push({ code: 'too-long', message: `Your PIN has ${chars} characters; it can have at most ${policy.maxLength}.` })
  if (!CHARSET[policy.charset].test(pin)) {
    violations.push({
      code: 'charset',
      message:
        policy.charset === 'digits'
          ? 'Use digits 0–9 only: no letters, spaces or symbols.'
          : 'Use letters A–Z, a–z and digits only: no spaces, accents or symbols.',
    })
  }
  if (policy.rejectTrivial && isTrivialPin(pin)) {
    violations.push({ code: 'trivial', message: 'That PIN is too easy to guess. Avoid repeats, runs like 1234 and patterns like 1212.' })
  }
  if (username && pin.toLowerCase() === username.toLowerCase()) {
    violations.push({ code: 'username', message: 'Your PIN must not be your username.' })
  }
  return violations
}
