import 'server-only'
import type { ActorType, Prisma } from '@/generated/prisma/client'
import { getDb } from '@/lib/db'

export type AuditActor = { type: ActorType; id?: string; label?: string }
export type AuditSubject = { type: string; id?: string; label?: string }
export type AuditContext = { ip?: string | null; userAgent?: string | null }

export type AuditEventInput = {
  action: string
  actor: AuditActor
  subject?: AuditSubject
  context?: AuditContext
  /** Non-secret details only: reasons, serials, counts. Never a PIN, code, seed or link. */
  details?: Record<string, string | number | boolean | null>
}

export const SYSTEM_ACTOR: AuditActor = { type: 'SYSTEM', label: 'system' }
export const CLI_ACTOR: AuditActor = { type: 'SYSTEM', label: 'cli' }

// Bounded so a hostile User-Agent cannot bloat the log.
// Control characters never reach the log: they could forge line breaks in an
// export, and PostgreSQL refuses NUL in text. Labels come from callers' input.
const clip = (value: string | null | undefined, max: number) => (value ? value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd').slice(0, max) : null)

export function auditEventData(input: AuditEventInput): Prisma.AuditEventCreateInput {
  return {
    action: input.action,
    actorType: input.actor.type,
    actorId: input.actor.id ?? null,
    actorLabel: clip(input.actor.label, 200),
    subjectType: input.subject?.type ?? null,
    subjectId: input.subject?.id ?? null,
    subjectLabel: clip(input.subject?.label, 200),
    ip: clip(input.context?.ip, 64),
    userAgent: clip(input.context?.userAgent, 512),
    details: input.details ? JSON.stringify(input.details) : null,
  }
}

/**
 * Appends one event. Pass `tx` to write it in the same transaction as the
 * change it records, so the log never claims something that rolled back.
 */
export async function recordAuditEvent(
  input: AuditEventInput & { tx?: Prisma.TransactionClient },
): Promise<void> {
  const client = input.tx ?? getDb()
  await client.auditEvent.create({ data: auditEventData(input) })
}
