import 'server-only'
import { randomUUID } from 'node:crypto'
import { auditEventData, SYSTEM_ACTOR } from '@/lib/audit'
import { getConfig } from '@/lib/config'
import { getDb } from '@/lib/db'
import type { MailTransport } from './create-transport'
import { readMailBody } from './read-mail-body'

export const MAX_ATTEMPTS = 8
/** Accepted messages recorded per commit: with the lanes below, how many a kill at the wrong instant can send twice. */
export const FLUSH_EVERY = 20

/** 30 s (PORTAL_MAIL_RETRY_SECONDS), 1 min, 2 min … capped at one hour. */
export function retryDelayMs(attempts: number, firstMs = 30_000): number {
  return Math.min(firstMs * 2 ** Math.max(attempts - 1, 0), 60 * 60_000)
}

/** SMTP 5xx is a permanent refusal (bad address, policy): retrying will not help. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode
  return typeof code === 'number' && code >= 500 && code < 600
}

/**
 * The server certainly did not take the message: it answered with a refusal
 * (4xx/5xx), or no connection could be opened at all. Then the retry needs
 * to wait only for its back-off, not for the lease to run out.
 */
export function wasNotTaken(error: unknown): boolean {
  const e = error as { responseCode?: unknown; code?: unknown; message?: unknown }
  return typeof e.responseCode === 'number' || e.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(String(e.message ?? ''))
}

function describe(error: unknown): string {
  const e = error as { response?: string; message?: string }
  return String(e.response ?? e.message ?? error).slice(0, 500)
}

export type DeliveryReport = { claimed: number; sent: number; retrying: number; failed: number; lost: number }

/**
 * Delivers one batch from the outbox, each message exactly once however
 * slow the SMTP server is:
 * - a worker claims messages with a lease (a conditional update, so two
 *   workers, in one process or on two servers, never both take one);
 * - while the batch runs, a heartbeat keeps extending the leases it holds,
 *   so a slow server cannot make a batch outlive them;
 * - before each send the worker checks, in the same statement that extends
 *   it, that the message is still its own: a worker that stalled past its
 *   lease (a paused process, a database outage) skips what another took;
 * - every status change names the lease owner in its condition, so a late
 *   answer can never overwrite another worker's outcome;
 * - a failed send keeps its lease until it runs out: when the answer was a
 *   timeout the server may have taken the message, and it is tried again
 *   only after the lease has expired (and the back-off has passed); a
 *   refusal or a refused connection (wasNotTaken) waits for the back-off only.
 * A worker that dies mid-batch leaves leases that expire; the messages are
 * then taken again, with the same Message-ID.
 */
export async function deliverOutbox({
  transport,
  workerId = randomUUID(),
  batchSize = 100,
  concurrency = 10,
  leaseMs = getConfig().mailLeaseMs,
  retryMs = getConfig().mailRetryMs,
  now = () => new Date(),
}: {
  transport: MailTransport
  workerId?: string
  batchSize?: number
  concurrency?: number
  leaseMs?: number
  /** The first retry's delay; see retryDelayMs. */
  retryMs?: number
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
  if (due.length === 0) return { claimed: 0, sent: 0, retrying: 0, failed: 0, lost: 0 }

  // Claim in one conditional update tagged with a fresh lease owner, then read
  // back exactly what this call won: rows another worker took in between fail
  // the condition and keep their owner.
  const claim = `${workerId}:${randomUUID()}`
  const leaseEnd = () => new Date(now().getTime() + leaseMs)
  await db.outboxMessage.updateMany({ where: { id: { in: due.map((m) => m.id) }, ...claimable }, data: { status: 'SENDING', leaseUntil: leaseEnd(), leaseOwner: claim } })
  const claimed = await db.outboxMessage.findMany({ where: { leaseOwner: claim }, orderBy: { createdAt: 'asc' } })

  const report: DeliveryReport = { claimed: claimed.length, sent: 0, retrying: 0, failed: 0, lost: 0 }
  const { mailFrom } = getConfig()
  const ours = { leaseOwner: claim, status: 'SENDING' as const }

  // The heartbeat: every lease this batch still holds, extended at a third of its length.
  let beating = Promise.resolve()
  const heartbeat = setInterval(() => {
    beating = beating
      .then(() => db.outboxMessage.updateMany({ where: ours, data: { leaseUntil: leaseEnd() } }))
      .then(
        () => undefined,
        () => undefined, // the database is away: the check before each send decides
      )
  }, leaseMs / 3)

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
    await db.$transaction(async (tx) => {
      const recorded = new Set<string>()
      for (const same of byResponse.values()) {
        const rows = await tx.outboxMessage.updateManyAndReturn({
          where: { id: { in: same.map((m) => m.id) }, ...ours },
          data: { status: 'SENT', sentAt, attempts: same[0]!.attempts, lastResponse: same[0]!.response, leaseUntil: null, leaseOwner: null },
          select: { id: true },
        })
        for (const row of rows) recorded.add(row.id)
      }
      report.lost += group.length - recorded.size
      await tx.auditEvent.createMany({
        data: group
          .filter((m) => recorded.has(m.id))
          .map((m) =>
            auditEventData({ action: 'mail.sent', actor: SYSTEM_ACTOR, subject: { type: 'email', id: m.id, label: m.to }, details: { template: m.template, attempts: m.attempts, worker: workerId } }),
          ),
      })
    })
  }

  let next = 0
  async function lane() {
    while (next < claimed.length) {
      const message = claimed[next++]!
      // Still ours, and for long enough to send it?
      const held = await db.outboxMessage.updateMany({ where: { id: message.id, ...ours, leaseUntil: { gt: now() } }, data: { leaseUntil: leaseEnd() } })
      if (held.count !== 1) {
        report.lost++
        continue
      }
      const attempts = message.attempts + 1
      let response: string
      try {
        const body = readMailBody({ message })
        response = (await transport.send({ messageId: message.messageId, from: mailFrom, to: message.to, subject: message.subject, ...body })).response
      } catch (error) {
        const giveUp = isPermanent(error) || attempts >= MAX_ATTEMPTS
        await db.$transaction(async (tx) => {
          // The lease stays until it runs out (see above); only its owner may record the outcome.
          const recorded = await tx.outboxMessage.updateMany({
            where: { id: message.id, ...ours },
            data: {
              status: giveUp ? 'FAILED' : 'QUEUED',
              attempts,
              lastResponse: describe(error),
              nextAttemptAt: new Date(now().getTime() + retryDelayMs(attempts, retryMs)),
              ...(wasNotTaken(error) ? { leaseUntil: null } : {}),
              leaseOwner: null,
            },
          })
          if (recorded.count !== 1) return
          await tx.auditEvent.create({
            data: auditEventData({
              action: giveUp ? 'mail.failed' : 'mail.deferred',
              actor: SYSTEM_ACTOR,
              subject: { type: 'email', id: message.id, label: message.to },
              details: { template: message.template, attempts, response: describe(error).slice(0, 200) },
            }),
          })
        })
        if (giveUp) report.failed++
        else report.retrying++
        continue
      }
      accepted.push({ id: message.id, to: message.to, template: message.template, attempts, response: response.slice(0, 500) })
      if (accepted.length >= FLUSH_EVERY) await flush()
      report.sent++
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane))
    await flush()
  } finally {
    clearInterval(heartbeat)
    await beating
  }
  return report
}
