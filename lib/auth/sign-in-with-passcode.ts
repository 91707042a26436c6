import 'server-only'
import type { AuditContext } from '@/lib/audit'
import { formatWait, formatWhen } from '@/lib/format'
import { consumeRateLimits } from '@/lib/rate-limit'
import { getSettings } from '@/lib/settings'
import { ZUsername } from '@/lib/users'
import { checkPasscode, isWellFormedPasscode } from '@/lib/validate'
import { startUserSession } from './start-user-session'

export type SignInResult = { ok: true; sessionId: string; userId: string } | { ok: false; message: string }

// Per username: a person signs in a few times a day. Per client address:
// generous, since an office shares one address.
export const SIGN_IN_LIMITS = {
  username: { limit: 10, windowSeconds: 900 },
  address: { limit: 100, windowSeconds: 900 },
} as const

/** Limits for one attempt, per username and per client address, in one statement; the message to show when refused. */
export async function limitSignIn({ scope, username, context, now }: { scope: string; username: string; context: AuditContext; now: Date }): Promise<string | null> {
  const results = await consumeRateLimits({
    limits: [
      { key: `${scope}:username:${username}`, ...SIGN_IN_LIMITS.username },
      { key: `${scope}:address:${context.ip ?? 'unknown'}`, ...SIGN_IN_LIMITS.address },
    ],
    now,
  })
  const refused = results.find((r) => !r.allowed)
  return refused ? `Too many sign-in attempts. Please wait ${formatWait(refused.retryAfterSeconds)} and try again.` : null
}

/**
 * Portal sign-in with username + passcode (PIN followed by the current code),
 * checked by the validation API's own code: the code is used up, so it can
 * never sign in to VPN afterwards, and a wrong passcode counts toward the
 * token's lockout. Rate-limited per username and per client address. A
 * locked token is told when it unlocks; every other failure gets the same
 * words. Starts a FULL session.
 */
export async function signInWithPasscode({
  username: typedUsername,
  passcode: typedPasscode,
  context,
  now = new Date(),
}: {
  username: string
  passcode: string
  context: AuditContext
  now?: Date
}): Promise<SignInResult> {
  const parsed = ZUsername.safeParse(typedUsername)
  // Spaces are never part of a PIN or a code; people type one after the PIN.
  const passcode = typedPasscode.replace(/\s/g, '')
  if (!typedUsername.trim() || !passcode) return { ok: false, message: 'Enter your username and your passcode.' }
  const username = parsed.success ? parsed.data : typedUsername.trim().toLowerCase().slice(0, 64)
  const limited = await limitSignIn({ scope: 'sign-in', username, context, now })
  if (limited) return { ok: false, message: limited }

  const failed = { ok: false as const, message: 'That did not work. Check your username, and type your PIN followed by the code your app shows now.' }
  if (!parsed.success || !isWellFormedPasscode(passcode)) return failed
  const checked = await checkPasscode({
    username,
    passcode,
    actor: { type: 'USER', label: username },
    context,
    audit: { accepted: 'user.sign-in-accepted', rejected: 'user.sign-in-rejected' },
    allowTemporary: false,
    now,
  })
  if (checked.result === 'accept' && checked.userId) {
    const session = await startUserSession({ user: { id: checked.userId, username }, kind: 'FULL', method: 'passcode', context, now })
    return { ok: true, sessionId: session.id, userId: checked.userId }
  }
  if (checked.unlocksAt !== undefined) {
    const { supportContact } = await getSettings()
    return {
      ok: false,
      message: checked.unlocksAt
        ? `Your token is locked after too many wrong passcodes. It unlocks at ${formatWhen(checked.unlocksAt)}.`
        : `Your token is locked after too many wrong passcodes. Ask ${supportContact} to unlock it.`,
    }
  }
  if (checked.reason === 'pin-not-set') return { ok: false, message: 'Your PIN was reset. Set a new one with the link in the email you were sent, or choose “Forgot my PIN”.' }
  return failed
}
