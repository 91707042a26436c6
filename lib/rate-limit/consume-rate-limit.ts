import 'server-only'
import { Prisma } from '@/generated/prisma/client'
import { getDb } from '@/lib/db'

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number }

/**
 * Counts one attempt against `key` in a fixed window and says whether it is
 * within `limit`. State lives in the database, so the limit holds across
 * server instances. Every step is conditional or transactional: concurrent
 * callers can never both open a window or lose an increment.
 */
export async function consumeRateLimit({
  key,
  limit,
  windowSeconds,
  now = new Date(),
}: {
  key: string
  limit: number
  windowSeconds: number
  now?: Date
}): Promise<RateLimitResult> {
  const db = getDb()
  for (let attempt = 0; attempt < 3; attempt++) {
    // Live window: count this attempt, and read the count our increment
    // produced. The update takes the row's write lock until commit, so the
    // read inside the same transaction sees exactly our increment.
    const live = await db.$transaction(async (tx) => {
      const { count: bumped } = await tx.rateLimit.updateMany({
        where: { key, expiresAt: { gt: now } },
        data: { count: { increment: 1 } },
      })
      return bumped === 1 ? tx.rateLimit.findUnique({ where: { key } }) : null
    })
    if (live) return result(live.count, limit, live.expiresAt, now)
    // No live window: drop an expired one and open a new window.
    await db.rateLimit.deleteMany({ where: { key, expiresAt: { lte: now } } })
    const expiresAt = new Date(now.getTime() + windowSeconds * 1000)
    try {
      await db.rateLimit.create({ data: { key, count: 1, windowStart: now, expiresAt } })
      return result(1, limit, expiresAt, now)
    } catch (error) {
      // Another request opened the window first: count against it.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error
    }
  }
  throw new Error('rate limit: could not settle a window')
}

function result(count: number, limit: number, expiresAt: Date, now: Date): RateLimitResult {
  return { allowed: count <= limit, count, retryAfterSeconds: Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000)) }
}

/** Housekeeping: windows that ended are of no use. */
export async function purgeExpiredRateLimits({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  return (await getDb().rateLimit.deleteMany({ where: { expiresAt: { lte: now } } })).count
}
