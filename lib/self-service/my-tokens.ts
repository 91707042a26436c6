import 'server-only'
import type { TokenStatus, TokenType } from '@/generated/prisma/client'
import { getDb } from '@/lib/db'
import { isPinExpired, pinExpiresAt, pinReminderDueAt } from '@/lib/policy'
import { getSettings } from '@/lib/settings'
import { isLockActive } from '@/lib/validate'

export type MyToken = {
  id: string
  name: string
  serial: string
  type: TokenType
  status: TokenStatus
  enrolledAt: Date | null
  lastUsedAt: Date | null
  pinSetAt: Date | null
  /** When the PIN expires (policy), and whether that is soon or past. */
  pin: { expiresAt: Date | null; due: 'ok' | 'soon' | 'expired' | 'not-set' }
  lock: { until: Date | null } | null
}

// Tokens a person still has something to do with; revoked ones and
// unfinished enrollments are history (the activity page shows them).
const SHOWN: TokenStatus[] = ['ACTIVE', 'DISABLED', 'LOST']

function describe(row: { id: string; name: string | null; serial: string; type: TokenType; status: TokenStatus; activatedAt: Date | null; lastUsedAt: Date | null; pinSetAt: Date | null; pinHash: string | null; lockedAt: Date | null; lockedUntil: Date | null }, settings: Awaited<ReturnType<typeof getSettings>>, now: Date): MyToken {
  const expiresAt = row.pinSetAt ? pinExpiresAt({ pinSetAt: row.pinSetAt, settings }) : null
  const reminder = row.pinSetAt ? pinReminderDueAt({ pinSetAt: row.pinSetAt, settings }) : null
  const due = !row.pinHash ? 'not-set' : isPinExpired({ pinSetAt: row.pinSetAt, settings, now }) ? 'expired' : reminder && reminder <= now ? 'soon' : 'ok'
  return {
    id: row.id,
    name: row.name ?? row.serial,
    serial: row.serial,
    type: row.type,
    status: row.status,
    enrolledAt: row.activatedAt,
    lastUsedAt: row.lastUsedAt,
    pinSetAt: row.pinSetAt,
    pin: { expiresAt, due },
    lock: isLockActive({ lockedAt: row.lockedAt, lockedUntil: row.lockedUntil, now }) ? { until: row.lockedUntil } : null,
  }
}

const SELECT = { id: true, name: true, serial: true, type: true, status: true, activatedAt: true, lastUsedAt: true, pinSetAt: true, pinHash: true, lockedAt: true, lockedUntil: true } as const

/** The signed-in user's tokens, newest first. */
export async function listMyTokens({ userId, now = new Date() }: { userId: string; now?: Date }): Promise<MyToken[]> {
  const [settings, rows] = await Promise.all([getSettings(), getDb().token.findMany({ where: { userId, status: { in: SHOWN } }, orderBy: { activatedAt: 'desc' }, select: SELECT })])
  return rows.map((row) => describe(row, settings, now))
}

/** One of the user's own tokens; null for any other id, so another user's token is "not found" and nothing is revealed. */
export async function getMyToken({ userId, tokenId, now = new Date() }: { userId: string; tokenId: string; now?: Date }): Promise<MyToken | null> {
  const [settings, row] = await Promise.all([getSettings(), getDb().token.findFirst({ where: { id: tokenId, userId, status: { in: SHOWN } }, select: SELECT })])
  return row ? describe(row, settings, now) : null
}
