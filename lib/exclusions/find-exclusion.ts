import 'server-only'
import { getHotSql, sql } from '@/lib/db'
import { matchExclusion, type MatchedRule } from './exclusion-matcher'
import { getExclusionMatcher } from './get-exclusion-matcher'

export type Exclusion = { rule: MatchedRule; user: { id: string; username: string } }

/**
 * The validation API's question: does an enabled, unexpired rule let this
 * request in without a passcode? Matching is in memory; only a match costs
 * a query, for the user, because every kind of rule applies only to an
 * existing, active account: an address or gateway rule does not turn an
 * unknown or disabled username into an accept.
 */
export async function findExclusion({
  username,
  clientName,
  address,
  now,
}: {
  /** Canonical form (ZUsername). */
  username: string
  clientName: string
  address: string | null | undefined
  now: Date
}): Promise<Exclusion | null> {
  const rule = matchExclusion(await getExclusionMatcher(now), { username, clientName, address, now })
  if (!rule) return null
  const [user] = await getHotSql().query<{ id: string; username: string; status: string }>(sql`SELECT "id", "username", "status" FROM "User" WHERE "username" = ${username}`)
  return user && user.status === 'ACTIVE' ? { rule, user: { id: user.id, username: user.username } } : null
}
