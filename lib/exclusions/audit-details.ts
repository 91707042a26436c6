import type { ExclusionRule } from '@/generated/prisma/client'

/** A rule as audit details: what it was (or became), never more than its own fields. */
export function exclusionAuditDetails(rule: Pick<ExclusionRule, 'kind' | 'value' | 'description' | 'enabled' | 'expiresAt'>, prefix = ''): Record<string, string | boolean | null> {
  return {
    [`${prefix}kind`]: rule.kind,
    [`${prefix}value`]: rule.value,
    [`${prefix}description`]: rule.description,
    [`${prefix}enabled`]: rule.enabled,
    [`${prefix}expiresAt`]: rule.expiresAt?.toISOString() ?? null,
  }
}

export const exclusionSubject = (rule: Pick<ExclusionRule, 'id' | 'kind' | 'value'>) => ({ type: 'exclusion-rule', id: rule.id, label: `${rule.kind} ${rule.value}` })
