import 'server-only'
import { databaseKind, getHotSql, joinSql, resolveDatabaseUrl, sql, type Sql } from '@/lib/db'
import { lastUtcDays, startOfUtcDay } from './utc-days'

export type ValidationDay = { day: string; accepted: number; rejected: number; locked: number }
type Kind = 'accepted' | 'rejected' | 'locked'

/**
 * The audit actions the validation API writes (lib/validate): an accepted
 * passcode or an MFA exclusion counts as accepted; every refusal as rejected;
 * a token the API locked (too many wrong passcodes) as locked. The portal's
 * own sign-ins write other actions, and its locks carry a USER actor.
 */
export const VALIDATION_ACTIONS: Record<Kind, readonly string[]> = {
  accepted: ['validate.accepted', 'validate.excluded'],
  rejected: ['validate.rejected'],
  locked: ['token.locked'],
}

const DAY = 86_400_000
/**
 * A day is counted for good an hour after it ends: a validation that began
 * just before midnight, or an instance whose clock is a little behind, may
 * still write an audit line dated that day for a moment.
 */
export const DAY_SETTLES_MS = 60 * 60_000

// Timestamps are UTC on both databases: ISO 8601 text on SQLite (its first
// ten characters are the day), timestamp(3) holding UTC on PostgreSQL.
const dayOf = (): Sql => (databaseKind(resolveDatabaseUrl(process.env.DATABASE_URL)) === 'postgresql' ? sql`to_char("at", 'YYYY-MM-DD')` : sql`substr("at", 1, 10)`)

/** Counts per day from the audit log, from `since` on, through its (action, at) index. */
async function countFromAuditLog(since: Date): Promise<Map<string, ValidationDay>> {
  const day = dayOf()
  const [a1, a2] = VALIDATION_ACTIONS.accepted
  const rows = await getHotSql().query<{ action: string; day: string; n: number | bigint }>(sql`
    SELECT "action", ${day} AS "day", count(*) AS "n" FROM "AuditEvent"
    WHERE "action" IN (${a1!}, ${a2!}, ${VALIDATION_ACTIONS.rejected[0]!}) AND "at" >= ${since}
    GROUP BY "action", ${day}
    UNION ALL
    SELECT "action", ${day} AS "day", count(*) AS "n" FROM "AuditEvent"
    WHERE "action" = ${VALIDATION_ACTIONS.locked[0]!} AND "at" >= ${since} AND "actorType" = 'API_CLIENT'
    GROUP BY "action", ${day}`)
  const byDay = new Map<string, ValidationDay>()
  for (const row of rows) {
    const entry = byDay.get(row.day) ?? { day: row.day, accepted: 0, rejected: 0, locked: 0 }
    const kind = (Object.keys(VALIDATION_ACTIONS) as Kind[]).find((k) => VALIDATION_ACTIONS[k].includes(row.action))!
    entry[kind] += Number(row.n)
    byDay.set(row.day, entry)
  }
  return byDay
}

/**
 * Validations per UTC day over the last `days` days (today included, oldest
 * first); a day without events is a row of zeros.
 *
 * Days that have ended (and settled) are counted from the audit log once and
 * kept in ValidationDayCount; today (and yesterday, in its first hour) is
 * counted live each time. So the dashboard reads a day's worth of audit
 * lines, not thirty, and the validation API writes nothing extra for it
 * (docs/decisions/005 and 017).
 */
export async function countValidationsByDay({ days = 30, now = new Date() }: { days?: number; now?: Date } = {}): Promise<ValidationDay[]> {
  const dayList = lastUtcDays({ count: days, now })
  const hot = getHotSql()
  const settled = (day: string) => startOfUtcDay(day).getTime() + DAY + DAY_SETTLES_MS <= now.getTime()
  const stored = await hot.query<{ day: string; accepted: number | bigint; rejected: number | bigint; locked: number | bigint }>(sql`
    SELECT "day", "accepted", "rejected", "locked" FROM "ValidationDayCount" WHERE "day" >= ${dayList[0]!} AND "day" <= ${dayList.at(-1)!}`)
  const known = new Map(stored.map((r) => [r.day, { day: r.day, accepted: Number(r.accepted), rejected: Number(r.rejected), locked: Number(r.locked) }]))
  const toCount = dayList.filter((d) => !(settled(d) && known.has(d)))
  if (toCount.length) {
    const counted = await countFromAuditLog(startOfUtcDay(toCount[0]!))
    const newlySettled = toCount.filter(settled).map((d) => counted.get(d) ?? { day: d, accepted: 0, rejected: 0, locked: 0 })
    if (newlySettled.length) {
      // Another instance (or another admin's page) may have counted it meanwhile: the same figures.
      await hot.execute(sql`
        INSERT INTO "ValidationDayCount" ("day", "accepted", "rejected", "locked", "countedAt")
        VALUES ${joinSql(newlySettled.map((d) => sql`(${d.day}, ${d.accepted}, ${d.rejected}, ${d.locked}, ${now})`))}
        ON CONFLICT ("day") DO NOTHING`)
    }
    for (const d of toCount) known.set(d, counted.get(d) ?? { day: d, accepted: 0, rejected: 0, locked: 0 })
  }
  return dayList.map((d) => known.get(d) ?? { day: d, accepted: 0, rejected: 0, locked: 0 })
}
