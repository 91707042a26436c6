import 'server-only'
import type { TokenStatus } from '@/generated/prisma/client'
import { getDb } from '@/lib/db'

const DAY = 86_400_000

export const TOKEN_STATES: TokenStatus[] = ['ACTIVE', 'PENDING', 'INVENTORY', 'ASSIGNED', 'DISABLED', 'LOST', 'REVOKED']

export type TokenCounts = {
  byState: Record<TokenStatus, number>
  /** Active tokens whose lock is in force now (a lock whose time has passed no longer counts). */
  lockedNow: number
  /** Active tokens whose PIN expires within `dueWithinDays` (not yet expired); 0 when PINs never expire. */
  pinsDue: number
  /** Active tokens whose PIN has expired already. */
  pinsExpired: number
  dueWithinDays: number
  /** Settings.pinMaxAgeDays; null: PINs never expire. */
  pinMaxAgeDays: number | null
}

/**
 * Tokens by state, locked now, and PINs due (lib/policy/pin-expiry: a PIN
 * expires pinMaxAgeDays after pinSetAt, so one due within N days was set
 * between maxAge and maxAge − N days ago).
 */
export async function countTokens({ pinMaxAgeDays, dueWithinDays = 14, now = new Date() }: { pinMaxAgeDays: number | null; dueWithinDays?: number; now?: Date }): Promise<TokenCounts> {
  const db = getDb()
  const expiresBefore = pinMaxAgeDays && pinMaxAgeDays > 0 ? new Date(now.getTime() - pinMaxAgeDays * DAY) : null
  const [groups, lockedNow, pinsDue, pinsExpired] = await Promise.all([
    db.token.groupBy({ by: ['status'], _count: { _all: true } }),
    db.token.count({ where: { status: 'ACTIVE', lockedAt: { not: null }, OR: [{ lockedUntil: null }, { lockedUntil: { gt: now } }] } }),
    expiresBefore ? db.token.count({ where: { status: 'ACTIVE', pinSetAt: { gt: expiresBefore, lte: new Date(expiresBefore.getTime() + dueWithinDays * DAY) } } }) : 0,
    expiresBefore ? db.token.count({ where: { status: 'ACTIVE', pinSetAt: { lte: expiresBefore } } }) : 0,
  ])
  const byState = Object.fromEntries(TOKEN_STATES.map((s) => [s, groups.find((g) => g.status === s)?._count._all ?? 0])) as Record<TokenStatus, number>
  return { byState, lockedNow, pinsDue, pinsExpired, dueWithinDays, pinMaxAgeDays }
}
