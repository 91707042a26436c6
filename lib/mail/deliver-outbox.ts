import 'server-only'
import { randomUUID } from 'node:crypto'
import { auditEventData, SYSTEM_ACTOR } from '@/lib/audit'
import { getConfig } from '@/lib/config'
import { getDb } from '@/lib/db'
import type { MailTransport } from './create-transport'
import { readMailBody } from './read-mail-body'

export const MAX_ATTEMPTS = 8
const FLUSH_EVERY = 20
const LEASE_MS = 2 * 60_000

/** 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), 60 * 60_000)
}

/** SMTP 5xx is a permanent refusal (bad address, policy): retrying will not help. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode
  return typeof code === 'number' && code >= 500 && code < 600
}

function describe(error: unknown): string {
  const e = error as { response?: string; message?: string }
  return String(e.response ?? e.message ?? error).slice(0, 500)
}

export type DeliveryReport = { claimed: number; sent: number; retrying: number; failed: number }

/**
 * Delivers one batch from the outbox. A worker first claims each message
 * with a lease (a conditional update, so two workers, in one process or on
 * two servers, never both send it), then sends it with its stable
 * Message-ID and records the server's answer. A worker that dies mid-batch
 * leaves leases that expire; the messages are then taken again.
 */
export async function deliverOutbox({
  transport,
  workerId = randomUUID(),
  batchSize = 100,
  concurrency = 10,
  now = () => new Date(),
}: {
  transport: MailTransport
  workerId?: string
  batchSize?: number
  concurrency?: number
  now?: () => Date
}): Promise<DeliveryReport> {
  const db = getDb()
  const start = now()
  const claimable = {
    status: { in: ['QUEUED' as const, 'SENDING' as const] },
    nextAttemptAt: { lte: start },
    OR: [{ leaseUntil: null }, { leaseUntil: { lt: start } }],
  }
  const due = await db.outboxMessage.findMany({ where: claimable, orderBy: { createdAt: 'asc' }, take: batchSize, select: { id: true } })
  if (due.length === 0) return { claimed: 0, sent: 0, retrying: 0, failed: 0 }

  // Claim in one conditional update tagged with a fresh lease owner, then read
  // back exactly what this call won: rows another worker took in between fail
  // the condition and keep their owner.
  const claim = `${workerId}:${randomUUID()}`
  await db.outboxMessage.updateMany({
    where: { id: { in: due.map((m) => m.id) }, ...claimable },
    data: { status: 'SENDING', leaseUntil: new Date(start.getTime() + LEASE_MS), leaseOwner: claim },
  })
  const claimed = await db.outboxMessage.findMany({ where: { leaseOwner: claim }, orderBy: { createdAt: 'asc' } })

  const report: DeliveryReport = { claimed: claimed.length, sent: 0, retrying: 0, failed: 0 }
  const { mailFrom } = getConfig()

  // Accepted messages are recorded in small groups, one commit per group:
  // a commit per message would cap delivery at the database's commit rate.
  // The cost: a crash in the instant after the server accepted can resend
  // at most one group, with the same Message-IDs (receivers dedupe on them).
  let accepted: { id: string; to: string; template: string; attempts: number; response: string }[] = []
  async function flush() {
    const group = accepted
    accepted = []
    if (group.length === 0) return
    const byResponse = new Map<string, typeof group>()
    for (const m of group) byResponse.set(`${m.attempts}\0${m.response}`, [...(byResponse.get(`${m.attempts}\0${m.response}`) ?? []), m])
    const sentAt = now()
    await db.$transaction([
      ...[...byResponse.values()].map((same) =>
        db.outboxMessage.updateMany({
          where: { id: { in: same.map((m) => m.id) } },
          data: { status: 'SENT', sentAt, attempts: same[0]!.attempts, lastResponse: same[0]!.response, leaseUntil: null, leaseOwner: null },
        }),
      ),
      db.auditEvent.createMany({
        data: group.map((m) =>
          auditEventData({ action: 'mail.sent', actor: SYSTEM_ACTOR, subject: { type: 'email', id: m.id, label: m.to }, details: { template: m.template, attempts: m.attempts, worker: workerId } }),
        ),
      }),
    ])
  }

  let next = 0
  async function lane() {
    while (next < claimed.length) {
      const message = claimed[next++]!
      const attempts = message.attempts + 1
      let response: string
      try {
        const body = readMailBody({ message })
        response = (await transport.send({ messageId: message.messageId, from: mailFrom, to: message.to, subject: message.subject, ...body })).response
      } catch (error) {
        const giveUp = isPermanent(error) || attempts >= MAX_ATTEMPTS
        await db.$transaction([
          db.outboxMessage.update({
            where: { id: message.id },
            data: {
              status: giveUp ? 'FAILED' : 'QUEUED',
              attempts,
              lastResponse: describe(error),
              nextAttemptAt: new Date(now().getTime() + retryDelayMs(attempts)),
              leaseUntil: null,
              leaseOwner: null,
            },
          }),
          db.auditEvent.create({
            data: auditEventData({
              action: giveUp ? 'mail.failed' : 'mail.deferred',
              actor: SYSTEM_ACTOR,
              subject: { type: 'email', id: message.id, label: message.to },
              details: { template: message.template, attempts, response: describe(error).slice(0, 200) },
            }),
          }),
        ])
        if (giveUp) report.failed++
        else report.retrying++
        continue
      }
      accepted.push({ id: message.id, to: message.to, template: message.template, attempts, response: response.slice(0, 500) })
      if (accepted.length >= FLUSH_EVERY) await flush()
      report.sent++
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane))
  await flush()

  return report
}
