import 'server-only'
import { Prisma, type ExclusionRule } from '@/generated/prisma/client'
import { auditEventData, type AuditActor, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { exclusionAuditDetails, exclusionSubject } from './audit-details'
import { forgetExclusionRules } from './get-exclusion-matcher'
import { canonicalExclusionValue, ZExclusionInput, ZExclusionKind, type TExclusionInput } from './schemas'

export type ExclusionFieldErrors = Partial<Record<'kind' | 'value' | 'description' | 'expires', string[]>>

/** Problems per field, or the canonical input; nothing is written here. */
export function checkExclusionInput(input: TExclusionInput, now: Date) {
  const parsed = ZExclusionInput.safeParse(input)
  if (!parsed.success) {
    const errors: ExclusionFieldErrors = {}
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'value') as keyof ExclusionFieldErrors
      errors[field] ??= [issue.message]
    }
    // The value's own check runs only once the rest parses: ask it anyway, so every problem shows at once.
    const kind = ZExclusionKind.safeParse(input.kind)
    if (!errors.value && kind.success && typeof input.value === 'string' && input.value.trim()) {
      const canonical = canonicalExclusionValue(kind.data, input.value)
      if (!canonical.ok) errors.value = [canonical.message]
    }
    return { ok: false as const, errors }
  }
  if (parsed.data.expiresAt && parsed.data.expiresAt <= now) return { ok: false as const, errors: { expires: ['The expiry is in the past: give a later date, or none'] } }
  return { ok: true as const, rule: parsed.data }
}

/**
 * A new, enabled MFA exclusion rule, audited in the same transaction. Invalid
 * input throws INVALID_INPUT with the first problem (the page asks
 * checkExclusionInput for all of them first); a rule of the same kind and
 * value throws ALREADY_EXISTS.
 */
export async function addExclusionRule({ input, actor, context, now = new Date() }: { input: TExclusionInput; actor: AuditActor; context?: AuditContext; now?: Date }): Promise<ExclusionRule> {
  const checked = checkExclusionInput(input, now)
  if (!checked.ok) throw new AppError('INVALID_INPUT', Object.values(checked.errors)[0]![0]!)
  try {
    const created = await getDb().$transaction(async (tx) => {
      const rule = await tx.exclusionRule.create({ data: { ...checked.rule, createdAt: now, createdBy: actor.label ?? null } })
      await tx.auditEvent.create({ data: auditEventData({ action: 'exclusion.created', actor, context, subject: exclusionSubject(rule), details: exclusionAuditDetails(rule) }) })
      return rule
    })
    forgetExclusionRules()
    return created
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new AppError('ALREADY_EXISTS', `A rule for ${checked.rule.kind.toLowerCase().replace('_', ' ')} ${checked.rule.value} already exists`)
    throw error
  }
}
