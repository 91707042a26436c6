import 'server-only'
import { getDb } from '@/lib/db'

/** How many of a user's recovery codes are still unused, and when the batch was made. */
export async function countRecoveryCodes({ userId }: { userId: string }): Promise<{ unused: number; createdAt: Date | null }> {
  const [unused, newest] = await Promise.all([
    getDb().recoveryCode.count({ where: { userId, usedAt: null } }),
    getDb().recoveryCode.findFirst({ where: { userId }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } }),
  ])
  return { unused, createdAt: newest?.createdAt ?? null }
}
