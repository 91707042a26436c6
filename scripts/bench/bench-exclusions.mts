// Benchmark set-up: MFA exclusion rules that match none of the benchmark's
// requests (other users, empty groups, other gateways, address ranges that
// do not hold the load generator's 127.0.0.1), a quarter of each kind, so
// every request pays for the full in-memory match and none is excluded.
import { randomBytes } from 'node:crypto'

export type BenchRule = { id: string; kind: 'USER' | 'GROUP' | 'CLIENT_ADDRESS' | 'API_CLIENT'; value: string; expiresAt: null }

/** Seeds `count` rules, enabled or not; returns them as the matcher reads them. */
export async function seedBenchExclusionRules({ count, enabled }: { count: number; enabled: boolean }): Promise<BenchRule[]> {
  const { getDb } = await import('../../lib/db')
  const kinds = ['USER', 'GROUP', 'CLIENT_ADDRESS', 'API_CLIENT'] as const
  const value = (kind: (typeof kinds)[number], i: number) =>
    kind === 'USER'
      ? `excluded-${i}`
      : kind === 'GROUP'
        ? `excluded-group-${i}`
        : kind === 'API_CLIENT'
          ? `other-gateway-${i}`
          : // Alternately IPv4 (10.x.y.0/24) and IPv6 (2001:db8:x::/48) ranges.
            i % 8 < 4
            ? `10.${(i >> 8) & 255}.${i & 255}.0/24`
            : `2001:db8:${i.toString(16)}::/48`
  const db = getDb()
  const groups = kinds.length
  await db.group.createMany({ data: Array.from({ length: Math.ceil(count / groups) }, (_, i) => ({ name: `excluded-group-${i * groups + 1}` })) })
  const rules = Array.from({ length: count }, (_, i): BenchRule => {
    const kind = kinds[i % groups]!
    return { id: `x${randomBytes(8).toString('hex')}`, kind, value: value(kind, i), expiresAt: null }
  })
  await db.exclusionRule.createMany({ data: rules.map((r) => ({ ...r, enabled, description: 'bench: matches nothing' })) })
  return rules
}

/** Turns every rule on or off at once. */
export async function switchBenchExclusionRules({ enabled }: { enabled: boolean }): Promise<void> {
  const { getDb } = await import('../../lib/db')
  await getDb().exclusionRule.updateMany({ data: { enabled } })
}
