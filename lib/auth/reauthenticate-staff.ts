import 'server-only'
import type { AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { checkStaffCredentials } from './check-staff-credentials'
import { limitSignIn } from './sign-in-with-passcode'
import { staffFailureMessage } from './sign-in-staff'
import type { StaffSession } from './staff-session'

/**
 * "Confirm it's you" before a sensitive action: password and a fresh code
 * again, with sign-in's rules (rate limits, one use per code, lockout).
 * Success renews the session's authenticatedAt; the session stays.
 */
export async function reauthenticateStaff({ session, password, code, context, now = new Date() }: { session: StaffSession; password: string; code: string; context: AuditContext; now?: Date }): Promise<{ ok: true } | { ok: false; message: string }> {
  if (!password || !code.trim()) return { ok: false, message: 'Enter your password and the code your authenticator app shows now.' }
  const limited = await limitSignIn({ scope: 'staff-sign-in', username: session.staff.username, context, now })
  if (limited) return { ok: false, message: limited }
  const checked = await checkStaffCredentials({ username: session.staff.username, password, code, context, audit: { accepted: 'staff.reauthenticated', rejected: 'staff.reauthentication-rejected' }, now })
  if (!checked.ok) return { ok: false, message: staffFailureMessage(checked) }
  await getDb().staffSession.updateMany({ where: { id: session.sessionId, endedAt: null }, data: { authenticatedAt: now, lastSeenAt: now } })
  return { ok: true }
}
