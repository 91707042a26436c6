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
