import 'server-only'
import { getDb, getHotSql, sql } from '@/lib/db'
import { compileExclusionRules, EMPTY_MATCHER, type ExclusionMatcher } from './exclusion-matcher'

/**
 * How long an instance uses the rules it read. Every instance reads the
 * rules (and the members of excluded groups) again after this, so a change
 * made on one instance, or a group membership change, holds everywhere within
 * about two seconds (docs/decisions/013). Changes made in this process take
 * effect at once (forgetExclusionRules).
 */
export const EXCLUSION_RULES_TTL_MS = 2_000

type Cache = { at: number; matcher: ExclusionMatcher | null; loading: Promise<ExclusionMatcher> | null }
// On globalThis: Next bundles route handlers and server actions separately,
// and a change made through one must be seen by the other in this process.
const store = globalThis as typeof globalThis & { __exclusionRules?: Cache }
const cache = (): Cache => (store.__exclusionRules ??= { at: 0, matcher: null, loading: null })

async function loadMatcher(now: Date): Promise<ExclusionMatcher> {
  const db = getDb()
  const rules = await db.exclusionRule.findMany({
    where: { enabled: true, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    select: { id: true, kind: true, value: true, expiresAt: true },
    orderBy: { createdAt: 'asc' },
  })
  if (rules.length === 0) return EMPTY_MATCHER
  const groupMembers = new Map<string, string[]>()
  if (rules.some((r) => r.kind === 'GROUP')) {
    // One join on the hot connection: Prisma's relation query for the same
    // took 300-600 ms for 250 groups among 15,000 users (every 2 s!).
    const rows = await getHotSql().query<{ group: string; username: string }>(sql`
      SELECT g."name" AS "group", u."username"
      FROM "ExclusionRule" r
      JOIN "Group" g ON g."name" = r."value"
      JOIN "_GroupToUser" gu ON gu."A" = g."id"
      JOIN "User" u ON u."id" = gu."B"
      WHERE r."kind" = 'GROUP' AND r."enabled" = ${true} AND u."status" = 'ACTIVE'`)
    for (const { group, username } of rows) (groupMembers.get(group) ?? groupMembers.set(group, []).get(group)!).push(username)
  }
  return compileExclusionRules({ rules, groupMembers })
}

/**
 * The compiled rules for the validation hot path. Within the TTL: the
 * cached matcher, no I/O. After it: the stale matcher while one reload runs
 * (the first request after start waits for it).
 */
export async function getExclusionMatcher(now: Date = new Date()): Promise<ExclusionMatcher> {
  const c = cache()
  if (c.matcher && now.getTime() - c.at < EXCLUSION_RULES_TTL_MS) return c.matcher
  if (!c.loading) {
    const startedAt = now.getTime()
    const loading = loadMatcher(now)
    c.loading = loading
    loading.then(
      (matcher) => {
        if (c.loading === loading) Object.assign(c, { at: startedAt, matcher, loading: null })
      },
      () => {
        if (c.loading === loading) c.loading = null
      },
    )
  }
  return c.matcher ?? c.loading!
}

/** A rule changed in this process: the next request reads the rules afresh. */
export function forgetExclusionRules(): void {
  Object.assign(cache(), { at: 0, matcher: null, loading: null })
}
