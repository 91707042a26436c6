import 'server-only'
import type { ExclusionRule } from '@/generated/prisma/client'
import { getDb } from '@/lib/db'

export type ExclusionStatus = 'active' | 'disabled' | 'expired'

export type ExclusionListItem = ExclusionRule & { status: ExclusionStatus }

export const exclusionStatus = (rule: Pick<ExclusionRule, 'enabled' | 'expiresAt'>, now: Date): ExclusionStatus =>
  !rule.enabled ? 'disabled' : rule.expiresAt && rule.expiresAt <= now ? 'expired' : 'active'

/** Every rule, by kind then value, with whether it applies now. */
export async function listExclusionRules({ now = new Date() }: { now?: Date } = {}): Promise<ExclusionListItem[]> {
  const rules = await getDb().exclusionRule.findMany({ orderBy: [{ kind: 'asc' }, { value: 'asc' }] })
  return rules.map((r) => ({ ...r, status: exclusionStatus(r, now) }))
}
