import 'server-only'
import { auditCsvHeader, auditCsvLine } from './audit-csv'
import { fetchAuditEvents, resolveAuditFilters } from './list-audit-events'
import { recordAuditEvent, type AuditActor, type AuditContext } from './record-audit-event'
import type { TAuditFilters } from './schemas'

export const AUDIT_EXPORT_BATCH = 1000

/**
 * The audit log as CSV, newest first, for the export download: records
 * `audit.exported` (who, with which filters), then yields the header and one
 * chunk per batch of `batchSize` events, each batch read from the last one's
 * (at, id) onward. Only one batch is held at a time, and the next is read
 * only when the consumer asks for more, so a million rows stream in the
 * memory of a thousand.
 */
export async function exportAuditEvents({
  filters,
  actor,
  context,
  batchSize = AUDIT_EXPORT_BATCH,
}: {
  filters: TAuditFilters
  actor: AuditActor
  context?: AuditContext
  batchSize?: number
}): Promise<AsyncGenerator<string>> {
  const resolved = await resolveAuditFilters(filters)
  const details = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''))
  await recordAuditEvent({ action: 'audit.exported', actor, context, details })
  return (async function* () {
    yield auditCsvHeader()
    if (resolved.unknown) return
    let cursor: { at: Date; id: string; direction: 'older' } | undefined
    for (;;) {
      const { events, more } = await fetchAuditEvents({ resolved, cursor, limit: batchSize })
      if (events.length) yield events.map(auditCsvLine).join('')
      if (!more) return
      const last = events[events.length - 1]!
      cursor = { at: last.at, id: last.id, direction: 'older' }
    }
  })()
}
