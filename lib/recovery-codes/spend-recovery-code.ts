import 'server-only'
import { getDb } from '@/lib/db'
import { isRecoveryCodeShape, verifyRecoveryCode } from './recovery-code'

/**
 * Uses one of a user's recovery codes, if `typed` is one: a conditional
 * update, so of two requests with the same code exactly one wins. Returns
 * how many remain, or null when it was not an unused code of theirs.
 * Callers rate-limit attempts: the codes are long, but guessing is bounded
 * anyway.
 */
export async function spendRecoveryCode({ userId, typed, now = new Date() }: { userId: string; typed: string; now?: Date }): Promise<{ remaining: number } | null> {
  if (!isRecoveryCodeShape(typed)) return null
  const db = getDb()
  const unused = await db.recoveryCode.findMany({ where: { userId, usedAt: null }, select: { id: true, codeHash: true } })
  // Every candidate is hashed, matched or not: the same work either way.
  const matches = unused.filter((c) => verifyRecoveryCode({ userId, code: typed, codeHash: c.codeHash }))
  const match = matches[0]
  if (!match) return null
  const { count } = await db.recoveryCode.updateMany({ where: { id: match.id, usedAt: null }, data: { usedAt: now } })
  if (count !== 1) return null
  return { remaining: unused.length - 1 }
}
