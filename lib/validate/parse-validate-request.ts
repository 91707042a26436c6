import { z } from 'zod'

export const MAX_PASSCODE_LENGTH = 64

/**
 * The JSON body of POST /api/v1/validate. Wrong types or a missing field are
 * a malformed request (400). The passcode's content is judged later, as a
 * plain rejection: a gateway passes on whatever a person typed.
 */
export const ZValidateRequest = z.object({
  username: z.string().min(1).max(254),
  passcode: z.string().max(4096),
  clientIp: z.string().max(64).optional(),
})
export type TValidateRequest = z.infer<typeof ZValidateRequest>

/** Printable ASCII, no spaces: nothing is trimmed or normalised, so what was typed is what is checked. */
export function isWellFormedPasscode(passcode: string): boolean {
  return passcode.length > 0 && passcode.length <= MAX_PASSCODE_LENGTH && /^[\x21-\x7e]+$/.test(passcode)
}

/** The last `digits` characters are the code, the rest the PIN. Null when that cannot be a PIN and a code. */
export function splitPasscode(passcode: string, digits: number): { pin: string; otp: string } | null {
  if (passcode.length <= digits) return null
  const otp = passcode.slice(-digits)
  if (!/^[0-9]+$/.test(otp)) return null
  return { pin: passcode.slice(0, -digits), otp }
}

/** An IPv4 or IPv6 address as a gateway reports its user's address; anything else is dropped. */
export function parseClientIp(value: string | undefined): string | null {
  if (!value) return null
  return /^[0-9A-Fa-f:.]{2,45}$/.test(value) && /[.:]/.test(value) ? value : null
}
