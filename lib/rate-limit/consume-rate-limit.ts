import 'server-only'
import { getDb, getHotSql, joinSql, sql } from '@/lib/db'

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number; windowEndsAt: Date }

/**
 * Counts one attempt against `key` in a fixed window and says whether it is
 * within `limit`. State lives in the database, so the limit holds across
 * server instances. One atomic statement (an upsert that opens a fresh
 * window when the old one has ended, else adds one, and returns the count
 * it produced), so concurrent callers never lose an increment; valid SQL for
 * both SQLite (≥ 3.35) and PostgreSQL. It sits on the validation hot path,
 * which is why it is not a read-then-write transaction.
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
  const [result] = await consumeRateLimits({ limits: [{ key, limit, windowSeconds }], now })
  return result!
}

/**
 * Several limits in the same single statement (the validation API counts
 * per client and per username on every request). Results in input order.
 * All keys in one call must share a window length.
 */
export async function consumeRateLimits({
  limits,
  now = new Date(),
}: {
  limits: { key: string; limit: number; windowSeconds: number }[]
  now?: Date
}): Promise<RateLimitResult[]> {
  const windowSeconds = limits[0]?.windowSeconds ?? 60
  if (limits.some((l) => l.windowSeconds !== windowSeconds)) throw new Error('rate limit: one window length per call')
  const fresh = new Date(now.getTime() + windowSeconds * 1000)
  const values = joinSql(limits.map((l) => sql`(${l.key}, 1, ${now}, ${fresh})`))
  // "excluded" is the row we tried to insert: a fresh window starting now.
  const rows = await getHotSql().query<{ key: string; count: number | bigint; expiresAt: Date | string }>(sql`
    INSERT INTO "RateLimit" ("key", "count", "windowStart", "expiresAt") VALUES ${values}
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."expiresAt" <= excluded."windowStart" THEN 1 ELSE "RateLimit"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimit"."expiresAt" <= excluded."windowStart" THEN excluded."windowStart" ELSE "RateLimit"."windowStart" END,
      "expiresAt" = CASE WHEN "RateLimit"."expiresAt" <= excluded."windowStart" THEN excluded."expiresAt" ELSE "RateLimit"."expiresAt" END
    RETURNING "key", "count", "expiresAt"`)
  return limits.map((l) => {
    const row = rows.find((r) => r.key === l.key)
    if (!row) throw new Error('rate limit: the upsert returned nothing')
    const count = Number(row.count)
    const expiresAt = new Date(row.expiresAt)
    return { allowed: count <= l.limit, count, retryAfterSeconds: Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000)), windowEndsAt: expiresAt }
  })
}

/** Housekeeping: windows that ended are of no use. */
export async function purgeExpiredRateLimits({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  return (await getDb().rateLimit.deleteMany({ where: { expiresAt: { lte: now } } })).count
}
