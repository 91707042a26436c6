import 'server-only'
import { getDb } from '@/lib/db'

/**
 * "degraded" while a message waits for a retry because the SMTP server
 * refused or failed its delivery (the outbox knows this whichever instance
 * tried); "ok" otherwise. Read from the database, so every instance's health
 * says the same, including one whose own mail worker is off.
 */
export async function checkMailDelivery(): Promise<'ok' | 'degraded'> {
  const waiting = await getDb().outboxMessage.findFirst({ where: { status: { in: ['QUEUED', 'SENDING'] }, attempts: { gt: 0 } }, select: { id: true } })
  return waiting ? 'degraded' : 'ok'
}
