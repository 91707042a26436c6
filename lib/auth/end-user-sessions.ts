import 'server-only'
import type { Prisma } from '@/generated/prisma/client'
import { getDb } from '@/lib/db'

/**
 * Ends a user's sessions at once, on every device (the next request of each
 * finds its row ended): after a PIN change, a token lost or revoked, a
 * disabled account. `except` keeps the session that made the change.
 */
export async function endUserSessions({
  userId,
  reason,
  except,
  tx,
  now = new Date(),
}: {
  userId: string
  reason: string
  except?: string
  tx?: Prisma.TransactionClient
  now?: Date
}): Promise<number> {
  const db = tx ?? getDb()
  const { count } = await db.userSession.updateMany({
    where: { userId, endedAt: null, ...(except ? { id: { not: except } } : {}) },
    data: { endedAt: now, endedReason: reason },
  })
  return count
}
