import type { ExclusionKind } from '@/generated/prisma/client'
import { parseCidr, parseIpAddress, rangeContains, type CidrRange } from './parse-address'

// Pure: rules compiled once per load into sets and numeric ranges, so a
// validation request costs a few map lookups and, per address rule, one
// mask-and-compare. No rules: one property read.

export type LiveRule = { id: string; kind: ExclusionKind; value: string; expiresAt: Date | null }
export type MatchedRule = Pick<LiveRule, 'id' | 'kind' | 'value'>

export type ExclusionMatcher = {
  readonly size: number
  readonly byUsername: ReadonlyMap<string, LiveRule[]>
  readonly byClient: ReadonlyMap<string, LiveRule[]>
  /** Address rules by family: an address is compared with its own family's ranges only. */
  readonly ranges: { readonly 4: readonly { rule: LiveRule; range: CidrRange }[]; readonly 6: readonly { rule: LiveRule; range: CidrRange }[] }
}

export const EMPTY_MATCHER: ExclusionMatcher = { size: 0, byUsername: new Map(), byClient: new Map(), ranges: { 4: [], 6: [] } }

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => void (map.get(key) ?? map.set(key, []).get(key)!).push(value)

/**
 * Enabled rules → a matcher. Group rules arrive already expanded to their
 * members' usernames (`groupMembers`: group name → usernames), so group and
 * user rules are one lookup by username.
 */
export function compileExclusionRules({ rules, groupMembers }: { rules: LiveRule[]; groupMembers: ReadonlyMap<string, readonly string[]> }): ExclusionMatcher {
  if (rules.length === 0) return EMPTY_MATCHER
  const byUsername = new Map<string, LiveRule[]>()
  const byClient = new Map<string, LiveRule[]>()
  const ranges: Record<4 | 6, { rule: LiveRule; range: CidrRange }[]> = { 4: [], 6: [] }
  for (const rule of rules) {
    if (rule.kind === 'USER') push(byUsername, rule.value, rule)
    else if (rule.kind === 'GROUP') for (const username of groupMembers.get(rule.value) ?? []) push(byUsername, username, rule)
    else if (rule.kind === 'API_CLIENT') push(byClient, rule.value, rule)
    else {
      // Stored values were checked when written; a row edited by hand that no longer parses matches nothing.
      const parsed = parseCidr(rule.value)
      if (parsed.ok) ranges[parsed.range.family].push({ rule, range: parsed.range })
    }
  }
  return { size: rules.length, byUsername, byClient, ranges }
}

const live = (rule: LiveRule, now: Date) => rule.expiresAt === null || rule.expiresAt > now

/**
 * The first live rule that matches, checked in this order: the user (or one
 * of their groups), the API client, the client's address. Null when none.
 */
export function matchExclusion(
  matcher: ExclusionMatcher,
  { username, clientName, address, now }: { username: string; clientName: string; address: string | null | undefined; now: Date },
): MatchedRule | null {
  if (matcher.size === 0) return null
  const found = matcher.byUsername.get(username)?.find((r) => live(r, now)) ?? matcher.byClient.get(clientName)?.find((r) => live(r, now))
  if (found) return { id: found.id, kind: found.kind, value: found.value }
  if (!address || matcher.ranges[4].length + matcher.ranges[6].length === 0) return null
  const ip = parseIpAddress(address)
  if (!ip) return null
  for (const { rule, range } of matcher.ranges[ip.family]) if (rangeContains(range, ip) && live(rule, now)) return { id: rule.id, kind: rule.kind, value: rule.value }
  return null
}
