import 'server-only'
import { createHash } from 'node:crypto'
import { getDb } from '@/lib/db'
import { consumeRateLimit } from '@/lib/rate-limit'
import { auditEventData, type AuditEventInput } from './record-audit-event'

/**
 * For events that anonymous traffic can repeat at will (a scanner trying
 * link after made-up link): at most one audit row per `key` (say, per
 * client address) per window, carrying how many times it happened. The log
 * still shows who tried and how often, without growing by a row a request.
 * The count is exact for requests one after another; when several arrive in
 * the same instant the stored count can trail by those in flight.
 */
export async function recordThrottledAuditEvent({
  key,
  windowSeconds = 60,
  now = new Date(),
  ...event
}: AuditEventInput & { key: string; windowSeconds?: number; now?: Date }): Promise<void> {
  const { count, windowEndsAt } = await consumeRateLimit({ key: `audit:${key}`, limit: 1, windowSeconds, now })
  // One row per window, found again by an id derived from the window.
  const id = `t-${createHash('sha256').update(`${key}\0${windowEndsAt.toISOString()}`).digest('base64url').slice(0, 32)}`
  const data = auditEventData({ ...event, details: { ...event.details, count } })
  if (count === 1) await getDb().auditEvent.create({ data: { ...data, id, at: now } })
  else await getDb().auditEvent.updateMany({ where: { id }, data: { details: data.details } })
}
