import 'server-only'
import { Prisma } from '@/generated/prisma/client'
import { getDb } from '@/lib/db'
import { MAINTENANCE_ACTOR, runMaintenance, type MaintenanceReport } from '@/lib/maintenance'

export const MAINTENANCE_JOB = 'maintenance'
const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

/**
 * The daily maintenance run, at most once a day across every instance: the
 * instance that moves the ScheduledJob row's lastStartedAt forward with a
 * conditional update runs it; the others see count 0 and skip. (The run is
 * itself safe on two instances at once; this only keeps it to once a day.)
 * Returns the report, or null when it was not this instance's turn.
 */
export async function runDailyMaintenance({ now = new Date() }: { now?: Date } = {}): Promise<MaintenanceReport | null> {
  const db = getDb()
  const dueBefore = new Date(now.getTime() - DAY_MS)
  let { count } = await db.scheduledJob.updateMany({ where: { name: MAINTENANCE_JOB, lastStartedAt: { lte: dueBefore } }, data: { lastStartedAt: now } })
  if (count === 0) {
    try {
      await db.scheduledJob.create({ data: { name: MAINTENANCE_JOB, lastStartedAt: now } })
      count = 1
    } catch (error) {
      // The row exists (another instance claimed it, or it ran within the day).
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return null
      throw error
    }
  }
  try {
    const report = await runMaintenance({ now, actor: MAINTENANCE_ACTOR })
    const { counts, skipped } = report.dormant
    await db.scheduledJob.update({ where: { name: MAINTENANCE_JOB }, data: { lastFinishedAt: new Date(), lastResult: JSON.stringify({ warned: counts.warn, disabled: counts.disable, revoked: counts.revoke, skipped }) } })
    return report
  } catch (error) {
    // Failed (the database was away, say): due again in an hour rather than tomorrow.
    const retryAt = new Date(now.getTime() - DAY_MS + HOUR_MS)
    await db.scheduledJob
      .update({ where: { name: MAINTENANCE_JOB }, data: { lastStartedAt: retryAt, lastFinishedAt: new Date(), lastResult: JSON.stringify({ error: (error as Error).message.slice(0, 300) }) } })
      .catch(() => undefined)
    throw error
  }
}

/** When the daily run last started and how it ended, for the admin page. */
export async function lastDailyMaintenance(): Promise<{ startedAt: Date; finishedAt: Date | null; result: Record<string, unknown> | null } | null> {
  const row = await getDb().scheduledJob.findUnique({ where: { name: MAINTENANCE_JOB } })
  if (!row) return null
  let result: Record<string, unknown> | null = null
  try {
    result = row.lastResult ? (JSON.parse(row.lastResult) as Record<string, unknown>) : null
  } catch {
    result = null
  }
  return { startedAt: row.lastStartedAt, finishedAt: row.lastFinishedAt, result }
}
