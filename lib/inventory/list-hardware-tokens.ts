import 'server-only'
import type { TokenStatus, TokenType } from '@/generated/prisma/client'
import { getDb } from '@/lib/db'

export type HardwareTokenRow = { id: string; serial: string; type: TokenType; status: TokenStatus; digits: number; holder: string | null; statusChangedAt: Date }

/**
 * Hardware tokens for the admin's inventory page, by serial, optionally in
 * one state and/or whose serial starts with `search`. Never a seed.
 */
export async function listHardwareTokens({ status, search, limit = 200 }: { status?: TokenStatus; search?: string; limit?: number } = {}): Promise<HardwareTokenRow[]> {
  const rows = await getDb().token.findMany({
    where: { origin: 'HARDWARE', ...(status ? { status } : {}), ...(search ? { serial: { startsWith: search } } : {}) },
    select: { id: true, serial: true, type: true, status: true, digits: true, statusChangedAt: true, user: { select: { username: true } } },
    orderBy: { serial: 'asc' },
    take: limit,
  })
  return rows.map(({ user, ...r }) => ({ ...r, holder: user?.username ?? null }))
}
