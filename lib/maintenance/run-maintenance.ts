import 'server-only'
import { auditEventData, type AuditActor, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { runDormantTokens, type DormantItem, type DormantReport } from './run-dormant-tokens'

export type MaintenanceReport = { at: Date; dryRun: boolean; dormant: DormantReport }

/**
 * One maintenance run: today the dormant-token policy. `actor` is who
 * started it (the worker, the CLI or an administrator): a real run is
 * audited in their name as `maintenance.ran` with its counts, while each
 * token's change is in the maintenance actor's name. A dry run changes
 * and records nothing.
 */
export async function runMaintenance({
  now = new Date(),
  dryRun = false,
  actor,
  context,
  listLimit,
  onStep,
}: {
  now?: Date
  dryRun?: boolean
  actor: AuditActor
  context?: AuditContext
  listLimit?: number
  onStep?: (item: DormantItem) => void
}): Promise<MaintenanceReport> {
  const dormant = await runDormantTokens({ now, dryRun, listLimit, onStep })
  if (!dryRun) {
    const { counts, skipped, policy } = dormant
    await getDb().auditEvent.create({
      data: auditEventData({ action: 'maintenance.ran', actor, context, details: { policy: policy ? `${policy.action} after ${policy.afterDays} days` : 'off', warned: counts.warn, disabled: counts.disable, revoked: counts.revoke, skipped } }),
    })
  }
  return { at: now, dryRun, dormant }
}
