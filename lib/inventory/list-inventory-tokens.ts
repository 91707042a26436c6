import 'server-only'
import { getDb } from '@/lib/db'

export type InventoryToken = { serial: string; type: 'TOTP' | 'HOTP'; algorithm: string; digits: number; period: number; counter: number; createdAt: Date }

/** Hardware tokens in stock (INVENTORY, no user), by serial. Never a seed. */
export async function listInventoryTokens({ limit = 100 }: { limit?: number } = {}): Promise<InventoryToken[]> {
  return getDb().token.findMany({
    where: { origin: 'HARDWARE', status: 'INVENTORY', userId: null },
    select: { serial: true, type: true, algorithm: true, digits: true, period: true, counter: true, createdAt: true },
    orderBy: { serial: 'asc' },
    take: limit,
  })
}
