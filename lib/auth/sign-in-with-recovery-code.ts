import 'server-only'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { brandFromSettings, queueEmail } from '@/lib/mail'
import { isRecoveryCodeShape, spendRecoveryCode } from '@/lib/recovery-codes'
import { getSettings } from '@/lib/settings'
import { ZUsername } from '@/lib/users'
import { limitSignIn, type SignInResult } from './sign-in-with-passcode'
import { startUserSession } from './start-user-session'

/**
 * Sign-in with a recovery code, for someone whose phone is gone: a LIMITED
 * session (report a token lost, enroll a replacement). The code is used up;
 * attempts are rate-limited per username and per address; the user is told
 * by email. Unknown users and wrong codes get the same answer.
 */
export async function signInWithRecoveryCode({
  username: typedUsername,
  code,
  context,
  now = new Date(),
}: {
  username: string
  code: string
  context: AuditContext
  now?: Date
}): Promise<SignInResult> {
  if (!typedUsername.trim() || !code.trim()) return { ok: false, message: 'Enter your username and one of your recovery codes.' }
  const parsed = ZUsername.safeParse(typedUsername)
  const username = parsed.success ? parsed.data : typedUsername.trim().toLowerCase().slice(0, 64)
  const limited = await limitSignIn({ scope: 'recovery', username, context, now })
  if (limited) return { ok: false, message: limited }
  const failed = { ok: false as const, message: 'That did not work. Check your username and the code: each recovery code works once.' }
  if (!isRecoveryCodeShape(code)) return failed

  const user = parsed.success ? await getDb().user.findUnique({ where: { username }, select: { id: true, username: true, email: true, displayName: true, status: true } }) : null
  const spent = user && user.status === 'ACTIVE' ? await spendRecoveryCode({ userId: user.id, typed: code, now }) : null
  if (!user || !spent) {
    await recordAuditEvent({ action: 'user.sign-in-rejected', actor: { type: 'USER', label: username }, context, subject: user ? { type: 'user', id: user.id, label: user.username } : undefined, details: { method: 'recovery-code' } })
    return failed
  }
  const settings = await getSettings()
  const session = await getDb().$transaction(async (tx) => {
    const started = await startUserSession({ user, kind: 'LIMITED', method: 'recovery-code', context, tx, now })
    await queueEmail({
      tx,
      actor: { type: 'USER', id: user.id, label: user.username },
      to: user.email,
      template: 'recovery-codes-changed',
      brand: brandFromSettings(settings),
      props: { name: user.displayName ?? user.username, at: now, change: 'used', remaining: spent.remaining },
    })
    return started
  })
  return { ok: true, sessionId: session.id, userId: user.id }
}
