import 'server-only'
import type { AuditActor, AuditContext, AuditEventInput } from '@/lib/audit'
import { getHotSql, sql } from '@/lib/db'
import { hotpCodeAt, isOtpCode } from '@/lib/otp'
import { getSettings } from '@/lib/settings'
import { readTokenSecret } from '@/lib/tokens'
import { isLockActive } from './lockout'
import { recordFailure } from './token-checks'
import { findUserToken, insertAuditEvent } from './validation-queries'

/** How far ahead a counter-based token may have drifted (the app pressed for codes that were never used). */
export const RESYNC_WINDOW = 500

export type ResyncResult = { ok: true } | { ok: false; reason: 'not-found' | 'not-hotp' | 'locked' | 'malformed' | 'no-match'; unlocksAt?: Date | null }

/**
 * Brings a counter-based (HOTP) token back in step with its app from two
 * consecutive codes: the counter where code n and code n+1 follow each
 * other, within RESYNC_WINDOW ahead, becomes the last one used. Two codes
 * in a row are needed because one could match by chance. A failure counts
 * toward the token's lockout like a wrong passcode.
 */
export async function resyncHotpToken({
  userId,
  tokenId,
  first: typedFirst,
  second: typedSecond,
  actor,
  context,
  now = new Date(),
}: {
  userId: string
  tokenId: string
  first: string
  second: string
  actor: AuditActor
  context: AuditContext
  now?: Date
}): Promise<ResyncResult> {
  const found = await findUserToken({ userId, tokenId })
  if (!found) return { ok: false, reason: 'not-found' }
  const { user, token } = found
  if (token.type !== 'HOTP') return { ok: false, reason: 'not-hotp' }
  if (isLockActive({ lockedAt: token.lockedAt, lockedUntil: token.lockedUntil, now })) return { ok: false, reason: 'locked', unlocksAt: token.lockedUntil }
  const [first, second] = [typedFirst, typedSecond].map((c) => c.replace(/[\s-]/g, ''))
  if (!isOtpCode(first!, token.digits) || !isOtpCode(second!, token.digits)) return { ok: false, reason: 'malformed' }

  const params = { secret: readTokenSecret({ token }), algorithm: token.algorithm, digits: token.digits }
  let at: number | null = null
  let previous = hotpCodeAt({ ...params, counter: token.counter })
  for (let c = token.counter; c < token.counter + RESYNC_WINDOW; c++) {
    const next = hotpCodeAt({ ...params, counter: c + 1 })
    if (previous === first && next === second) {
      at = c
      break
    }
    previous = next
  }
  const subject = { type: 'token', id: token.id, label: token.serial }
  const events: AuditEventInput[] = []
  if (at !== null) {
    // Both codes are used: the next one the app shows is the next to count.
    const moved = await getHotSql().execute(sql`
      UPDATE "Token" SET "counter" = ${at + 2}, "failedAttempts" = 0, "updatedAt" = ${now}
      WHERE "id" = ${token.id} AND "counter" = ${token.counter} AND "status" = 'ACTIVE'`)
    if (moved === 1) {
      await insertAuditEvent({ at: now, action: 'token.resynced', actor, context, subject, details: { skipped: at - token.counter } })
      return { ok: true }
    }
  }
  const settings = await getSettings()
  const unlocksAt = await recordFailure({ outcome: { reason: 'wrong-otp', serial: token.serial, countAgainst: [token] }, user, settings, actor, context, now, events })
  events.unshift({ action: 'token.resync-failed', actor, context, subject })
  for (const event of events) await insertAuditEvent({ ...event, at: now })
  return { ok: false, reason: 'no-match', unlocksAt }
}
