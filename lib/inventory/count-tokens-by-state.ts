import 'server-only'
import type { TokenOrigin, TokenStatus } from '@/generated/prisma/client'
import { getDb } from '@/lib/db'

export type TokenStateCount = { origin: TokenOrigin; status: TokenStatus; count: number }

/** How many tokens are in each state, hardware and software apart, for the inventory's overview. */
export async function countTokensByState(): Promise<TokenStateCount[]> {
  const groups = await getDb().token.groupBy({ by: ['origin', 'status'], _count: { _all: true }, orderBy: [{ origin: 'asc' }, { status: 'asc' }] })
  return groups.map((g) => ({ origin: g.origin, status: g.status, count: g._count._all }))
}
