// Pure: what a staff password must be (NIST SP 800-63B: length, and not a
// known-common password; no composition rules).
//
// common-passwords.json: from the npm package @zxcvbn-ts/language-common
// 4.1.3 (MIT; © 2012-2016 Dan Wheeler and Dropbox, Inc., © 2021 zxcvbn-ts),
// file src/passwords.json, a list of leaked passwords ordered by frequency:
// its first 10,000 entries plus every entry of 12 or more characters,
// lower-cased and de-duplicated (10,283 entries). Regenerate from a newer
// version of that file the same way.
import list from './common-passwords.json'

export const STAFF_PASSWORD_MIN_LENGTH = 12
/** Long passphrases are welcome; the cap keeps one hash from costing a request much. */
export const STAFF_PASSWORD_MAX_LENGTH = 128

const COMMON = new Set(list as string[])

/** The problems with a staff password, as sentences for the form; empty when it is fine. */
export function checkStaffPassword({ password, username, email }: { password: string; username?: string; email?: string }): string[] {
  const normalized = password.normalize('NFKC')
  const length = [...normalized].length
  if (length < STAFF_PASSWORD_MIN_LENGTH) return [`Use at least ${STAFF_PASSWORD_MIN_LENGTH} characters (this one has ${length}). A few unrelated words make a good one.`]
  if (length > STAFF_PASSWORD_MAX_LENGTH) return [`Use at most ${STAFF_PASSWORD_MAX_LENGTH} characters.`]
  const lower = normalized.toLowerCase()
  if (isCommon(lower)) return ['This password is on a list of commonly used passwords, which attackers try first. Choose another.']
  if (/^(.{1,4})\1+$/u.test(lower)) return ['This password only repeats a few characters. Choose another.']
  const names = [username, email?.split('@')[0]].filter((n): n is string => !!n && n.length >= 3).map((n) => n.toLowerCase())
  if (names.some((n) => lower.includes(n))) return ['The password must not contain your username or email address.']
  return []
}

/**
 * In the list as typed, or once the digits and symbols people add to meet
 * old composition rules are taken off ("Sunshine2024!" is "sunshine").
 */
function isCommon(lower: string): boolean {
  if (COMMON.has(lower)) return true
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')
  return core.length >= 4 && core.length * 2 >= lower.length && COMMON.has(core)
}
