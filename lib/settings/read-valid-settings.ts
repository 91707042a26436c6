// Pure: the stored settings record, checked field by field on the way in.
import type { Settings } from '@/generated/prisma/client'
import { POLICY_DEFAULTS, POLICY_FIELDS, POLICY_NAMES, policySchema, type PolicyName } from './policy-fields'
import { POLICY_PAIRS, policyConflicts } from './z-policies'

const SCHEMAS = Object.fromEntries(POLICY_NAMES.map((name) => [name, policySchema(POLICY_FIELDS[name])])) as Record<PolicyName, ReturnType<typeof policySchema>>

/**
 * The record with every policy inside its bounds. A stored value that is not
 * (written by hand in the database, or by an older version with other
 * bounds) is replaced by its default, and the names of the replaced fields
 * are returned so the caller can log them: a bad value must never crash a
 * page or the validation API, nor silently weaken a policy beyond its
 * bounds. Pairs that must agree (shortest ≤ longest PIN…) are both reset when
 * they do not.
 */
export function readValidSettings(row: Settings): { settings: Settings; replaced: PolicyName[] } {
  const settings = { ...row } as Settings & Record<PolicyName, unknown>
  const replaced = new Set<PolicyName>()
  for (const name of POLICY_NAMES) {
    // Stored 0 has always meant "off" for these (e.g. autoUnlockMinutes: locks
    // hold until staff lift them); the form spells it as an empty field.
    if (POLICY_FIELDS[name].kind === 'optional-whole' && typeof settings[name] === 'number' && (settings[name] as number) <= 0) (settings as Record<string, unknown>)[name] = null
    if (!SCHEMAS[name].safeParse(settings[name]).success) {
      ;(settings as Record<string, unknown>)[name] = POLICY_DEFAULTS[name]
      replaced.add(name)
    }
  }
  for (const field of Object.keys(policyConflicts(settings)) as PolicyName[]) {
    for (const name of [field, ...POLICY_PAIRS.filter((p) => p.field === field).map((p) => p.other)]) {
      ;(settings as Record<string, unknown>)[name] = POLICY_DEFAULTS[name]
      replaced.add(name)
    }
  }
  return { settings, replaced: [...replaced] }
}
