export {
  auditEventData,
  CLI_ACTOR,
  recordAuditEvent,
  SYSTEM_ACTOR,
  type AuditActor,
  type AuditContext,
  type AuditEventInput,
  type AuditSubject,
} from './record-audit-event'
export { recordThrottledAuditEvent } from './record-throttled-audit-event'
export { AUDIT_PAGE_SIZE, listAuditEvents, type AuditPage, type AuditRow } from './list-audit-events'
export { AUDIT_EXPORT_BATCH, exportAuditEvents } from './export-audit-events'
export { AUDIT_CSV_COLUMNS, csvCell } from './audit-csv'
export { AUDIT_ACTION_PREFIXES, auditCursorToken, auditFilterParams, ZAuditFilters, ZAuditPageQuery, type AuditCursor, type TAuditFilters } from './schemas'
