import 'server-only'
import type { ExclusionRule } from '@/generated/prisma/client'
import { auditEventData, type AuditActor, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { exclusionAuditDetails, exclusionSubject } from './audit-details'
import { forgetExclusionRules } from './get-exclusion-matcher'

/**
 * Turns a rule on or off, or removes it; audited with the rule as it was
 * (and, when switched, as it became) in the same transaction.
 */
export async function changeExclusionRule({
  id,
  change,
  actor,
  context,
}: {
  id: string
  change: 'enable' | 'disable' | 'remove'
  actor: AuditActor
  context?: AuditContext
}): Promise<ExclusionRule> {
  const result = await getDb().$transaction(async (tx) => {
    const old = await tx.exclusionRule.findUnique({ where: { id } })
    if (!old) throw new AppError('NOT_FOUND', 'No such exclusion rule (it may have been removed meanwhile)')
    const after = change === 'remove' ? await tx.exclusionRule.delete({ where: { id } }) : await tx.exclusionRule.update({ where: { id }, data: { enabled: change === 'enable' } })
    const details = change === 'remove' ? exclusionAuditDetails(old) : { ...exclusionAuditDetails(old, 'old.'), 'new.enabled': after.enabled }
    const action = change === 'remove' ? 'exclusion.removed' : change === 'enable' ? 'exclusion.enabled' : 'exclusion.disabled'
    await tx.auditEvent.create({ data: auditEventData({ action, actor, context, subject: exclusionSubject(old), details }) })
    return after
  })
  forgetExclusionRules()
  return result
}
