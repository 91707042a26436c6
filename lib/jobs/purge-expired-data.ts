import 'server-only'
import { getHotSql, sql } from '@/lib/db'
import { purgeExpiredRateLimits } from '@/lib/rate-limit'
import { getSettings } from '@/lib/settings'

const BATCH = 5000

/**
 * Keeps the tables that anonymous traffic can grow bounded: rate-limit
 * windows that have ended, and audit events older than the retention
 * setting (Settings.auditRetentionDays, default 400). Old events go in
 * batches, so a first purge of millions never holds the database's write
 * lock for long. Returns what it removed.
 */
export async function purgeExpiredData({ now = new Date() }: { now?: Date } = {}): Promise<{ rateLimits: number; auditEvents: number }> {
  const rateLimits = await purgeExpiredRateLimits({ now })
  const { auditRetentionDays } = await getSettings()
  let auditEvents = 0
  if (auditRetentionDays > 0) {
    const before = new Date(now.getTime() - auditRetentionDays * 86_400_000)
    for (;;) {
      const removed = await getHotSql().execute(sql`
        DELETE FROM "AuditEvent" WHERE "id" IN (SELECT "id" FROM "AuditEvent" WHERE "at" < ${before} LIMIT ${BATCH})`)
      auditEvents += removed
      if (removed < BATCH) break
    }
  }
  return { rateLimits, auditEvents }
}
