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
