import 'server-only'
import type { AuditContext } from '@/lib/audit'
import { formatWhen } from '@/lib/format'
import { ZUsername } from '@/lib/users'
import { checkStaffCredentials } from './check-staff-credentials'
import { limitSignIn } from './sign-in-with-passcode'
import { startStaffSession } from './start-staff-session'

export type StaffSignInResult = { ok: true; sessionId: string; staffId: string } | { ok: false; message: string }

export const STAFF_SIGN_IN_FAILED = 'That did not work. Check your username and password, and type the code your authenticator app shows now.'
export const STAFF_CODE_USED = 'That code was used already. Wait for your app to show the next one, then sign in with it.'

/**
 * Staff sign-in with username + password + the authenticator's current
 * code. Rate-limited per username and per client address (as users'
 * sign-in). Only someone who typed the right password learns more than
 * "that did not work": that the code was used already, or that the account
 * is locked and until when.
 */
export async function signInStaff({
  username: typed,
  password,
  code,
  context,
  now = new Date(),
}: {
  username: string
  password: string
  code: string
  context: AuditContext
  now?: Date
}): Promise<StaffSignInResult> {
  if (!typed.trim() || !password || !code.trim()) return { ok: false, message: 'Enter your username, your password and the code your authenticator app shows now.' }
  const parsed = ZUsername.safeParse(typed)
  const username = parsed.success ? parsed.data : typed.trim().toLowerCase().slice(0, 64)
  const limited = await limitSignIn({ scope: 'staff-sign-in', username, context, now })
  if (limited) return { ok: false, message: limited }
  if (!parsed.success || password.length > 1024) return { ok: false, message: STAFF_SIGN_IN_FAILED }

  const checked = await checkStaffCredentials({ username, password, code, context, audit: { accepted: 'staff.sign-in-accepted', rejected: 'staff.sign-in-rejected' }, now })
  if (checked.ok) {
    const session = await startStaffSession({ staff: checked.staff, method: 'password-totp', context, now })
    return { ok: true, sessionId: session.id, staffId: checked.staff.id }
  }
  return { ok: false, message: staffFailureMessage(checked) }
}

export function staffFailureMessage(checked: { reason: string; unlocksAt?: Date | null; passwordRight: boolean }): string {
  if (!checked.passwordRight) return STAFF_SIGN_IN_FAILED
  if (checked.reason === 'locked' || checked.unlocksAt) {
    return checked.unlocksAt ? `Your staff account is locked after too many failed sign-ins. It unlocks at ${formatWhen(checked.unlocksAt)}.` : 'Your staff account is locked after too many failed sign-ins.'
  }
  if (checked.reason === 'replayed') return STAFF_CODE_USED
  return STAFF_SIGN_IN_FAILED
}
