import 'server-only'
import type { TokenStatus, TokenType } from '@/generated/prisma/client'
import { getDb } from '@/lib/db'

export type HardwareTokenRow = { id: string; serial: string; type: TokenType; status: TokenStatus; digits: number; holder: string | null; statusChangedAt: Date }

export type HardwareTokenPage = { tokens: HardwareTokenRow[]; next: string | null }

// Never a seed.
const SELECT = { id: true, serial: true, type: true, status: true, digits: true, statusChangedAt: true, user: { select: { username: true } } } as const
const toRow = ({ user, ...r }: { user: { username: string } | null } & Omit<HardwareTokenRow, 'holder'>): HardwareTokenRow => ({ ...r, holder: user?.username ?? null })

/**
 * Hardware tokens for the admin's inventory page and the assign search, by
 * serial, optionally in one state and/or whose serial starts with `search`;
 * from `after` (keyset on the unique serial: any page is as quick as the
 * first), with `next`, the serial the following page starts after.
 */
export async function listHardwareTokens({ status, search, after, limit = 100 }: { status?: TokenStatus; search?: string; after?: string; limit?: number } = {}): Promise<HardwareTokenPage> {
  const serial = { ...(search ? { startsWith: search } : {}), ...(after ? { gt: after } : {}) }
  const rows = await getDb().token.findMany({
    where: { origin: 'HARDWARE', ...(status ? { status } : {}), ...(search || after ? { serial } : {}) },
    select: SELECT,
    orderBy: { serial: 'asc' },
    take: limit + 1,
  })
  const tokens = rows.slice(0, limit).map(toRow)
  return { tokens, next: rows.length > limit ? tokens.at(-1)!.serial : null }
}

/** One hardware token by id (a confirmation names it, whatever page it is on), or null. */
export async function findHardwareToken(id: string): Promise<HardwareTokenRow | null> {
  const row = await getDb().token.findFirst({ where: { id, origin: 'HARDWARE' }, select: SELECT })
  return row ? toRow(row) : null
}
