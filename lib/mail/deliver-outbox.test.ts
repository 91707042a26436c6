import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { startSmtpSink, type SinkMessage } from '@/test/smtp-sink'
import { CLI_ACTOR } from '@/lib/audit'
import { disconnectDb, getDb } from '@/lib/db'
import { getSettings } from '@/lib/settings'
import { createSmtpTransport, type MailTransport } from './create-transport'
import { deliverOutbox, MAX_ATTEMPTS, type DeliveryReport } from './deliver-outbox'
import { brandFromSettings } from './get-brand'
import { queueEmail } from './queue-email'

setUpTempDatabase()

const received: SinkMessage[] = []
let refusing = false
let sink: Awaited<ReturnType<typeof startSmtpSink>>
let transport: MailTransport

beforeAll(async () => {
  sink = await startSmtpSink({ onMessage: (m) => received.push(m), refuse: () => refusing })
  transport = createSmtpTransport({ smtpUrl: `smtp://127.0.0.1:${sink.port}` })
})
afterAll(async () => {
  transport.close()
  await sink.close()
  await disconnectDb()
})

async function queue(count: number, prefix: string) {
  const brand = brandFromSettings(await getSettings())
  await getDb().$transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      await queueEmail({
        tx,
        to: `${prefix}${i}@example.com`,
        template: 'token-enrolled',
        brand,
        props: { name: `User ${i}`, tokenName: `t${i}`, serial: `TP${i}`, at: new Date() },
        actor: CLI_ACTOR,
      })
    }
  })
}

/** A port nothing listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

const countById = (prefix: string) => {
  const counts = new Map<string, number>()
  for (const m of received.filter((r) => r.to[0]?.startsWith(prefix))) counts.set(m.messageId ?? '', (counts.get(m.messageId ?? '') ?? 0) + 1)
  return counts
}

describe('deliverOutbox', () => {
  it('delivers every message exactly once when the server refuses for a while, then accepts', async () => {
    await queue(20, 'flaky')
    let clock = Date.now()
    const now = () => new Date(clock)

    refusing = true
    const first = await deliverOutbox({ transport, now })
    expect(first).toMatchObject({ claimed: 20, sent: 0, retrying: 20 })
    // Nothing is due again until its back-off has passed.
    expect((await deliverOutbox({ transport, now })).claimed).toBe(0)

    refusing = false
    // A refused message was certainly not taken: it is tried again once its
    // back-off (30 s) has passed, without waiting for its lease (2 min).
    clock += 29_000
    expect((await deliverOutbox({ transport, now })).claimed).toBe(0)
    clock += 2_000
    const second = await deliverOutbox({ transport, now })
    expect(second).toMatchObject({ claimed: 20, sent: 20, retrying: 0 })
    clock += 3600_000
    expect((await deliverOutbox({ transport, now })).claimed).toBe(0)

    const counts = countById('flaky')
    expect(counts.size).toBe(20)
    expect([...counts.values()].every((c) => c === 1)).toBe(true)
    const rows = await getDb().outboxMessage.findMany({ where: { to: { startsWith: 'flaky' } } })
    expect(rows.every((r) => r.status === 'SENT' && r.attempts === 2 && r.sentAt && /^250/.test(r.lastResponse ?? ''))).toBe(true)
    expect(await getDb().auditEvent.count({ where: { action: 'mail.deferred' } })).toBe(20)
    expect(await getDb().auditEvent.count({ where: { action: 'mail.sent' } })).toBe(20)
  })

  it('takes over the messages of a worker that died holding them, and sends each once', async () => {
    await queue(10, 'crash')
    const db = getDb()
    // A worker claimed the batch, then the process died before sending.
    await db.outboxMessage.updateMany({
      where: { to: { startsWith: 'crash' } },
      data: { status: 'SENDING', leaseOwner: 'dead-worker', leaseUntil: new Date(Date.now() + 120_000) },
    })
    expect((await deliverOutbox({ transport })).claimed).toBe(0) // lease still held
    const later = () => new Date(Date.now() + 121_000)
    expect(await deliverOutbox({ transport, now: later })).toMatchObject({ claimed: 10, sent: 10 })
    expect([...countById('crash').values()]).toEqual(Array(10).fill(1))
  })

  it('lets two workers drain one outbox without sending anything twice', async () => {
    await queue(60, 'pair')
    const other = createSmtpTransport({ smtpUrl: `smtp://127.0.0.1:${sink.port}` })
    try {
      const drain = async (t: MailTransport, workerId: string) => {
        let sent = 0
        for (;;) {
          const r = await deliverOutbox({ transport: t, workerId, batchSize: 7 })
          sent += r.sent
          if (r.claimed === 0) return sent
        }
      }
      const [a, b] = await Promise.all([drain(transport, 'a'), drain(other, 'b')])
      expect(a + b).toBe(60)
    } finally {
      other.close()
    }
    const counts = countById('pair')
    expect(counts.size).toBe(60)
    expect([...counts.values()].every((c) => c === 1)).toBe(true)
  })

  it('sends each message exactly once when the SMTP server answers more slowly than the lease lasts', async () => {
    const slowReceived: SinkMessage[] = []
    // Each message takes longer than a lease: without the heartbeat the other
    // worker would take it over mid-send and send it again.
    const slow = await startSmtpSink({ onMessage: (m) => slowReceived.push(m), delayMs: 1000 })
    const transports = [0, 1].map(() => createSmtpTransport({ smtpUrl: `smtp://127.0.0.1:${slow.port}`, maxConnections: 3 }))
    try {
      await queue(12, 'slow')
      const reports: DeliveryReport[] = []
      const unsent = () => getDb().outboxMessage.count({ where: { to: { startsWith: 'slow' }, status: { not: 'SENT' } } })
      // Both workers keep polling, as the server's worker does, until everything is sent.
      const drain = async (t: MailTransport, workerId: string) => {
        while ((await unsent()) > 0) {
          const r = await deliverOutbox({ transport: t, workerId, batchSize: 6, concurrency: 3, leaseMs: 600 })
          reports.push(r)
          if (r.claimed === 0) await new Promise((resolve) => setTimeout(resolve, 50))
        }
      }
      await Promise.all([drain(transports[0]!, 'a'), drain(transports[1]!, 'b')])
      const counts = new Map<string, number>()
      for (const m of slowReceived) counts.set(m.messageId ?? '', (counts.get(m.messageId ?? '') ?? 0) + 1)
      expect(counts.size).toBe(12)
      expect([...counts.values()]).toEqual(Array(12).fill(1))
      expect(reports.reduce((n, r) => n + r.lost, 0)).toBe(0)
      const rows = await getDb().outboxMessage.findMany({ where: { to: { startsWith: 'slow' } } })
      expect(rows.map((r) => r.status)).toEqual(Array(12).fill('SENT'))
      expect(await getDb().auditEvent.count({ where: { action: 'mail.sent', subjectLabel: { startsWith: 'slow' } } })).toBe(12)
    } finally {
      for (const t of transports) t.close()
      await slow.close()
    }
  })

  it('never lets a late failure overwrite the outcome recorded by the worker that took the message over', async () => {
    await queue(1, 'late')
    const db = getDb()
    // Worker A's send hangs (a stuck SMTP connection) and then fails.
    let fail!: () => void
    const failed = new Promise<void>((resolve) => (fail = resolve))
    let sending!: () => void
    const started = new Promise<void>((resolve) => (sending = resolve))
    const stuck: MailTransport = {
      send: async () => {
        sending()
        await failed
        throw new Error('Connection timeout')
      },
      close: () => {},
    }
    const a = deliverOutbox({ transport: stuck, workerId: 'a' })
    await started
    // Meanwhile A's lease ran out (its process stalled, its heartbeats never
    // reached the database) and B delivered the message.
    await db.outboxMessage.updateMany({ where: { to: 'late0@example.com' }, data: { leaseUntil: new Date(Date.now() - 1000) } })
    expect(await deliverOutbox({ transport, workerId: 'b' })).toMatchObject({ claimed: 1, sent: 1 })
    fail()
    expect(await a).toMatchObject({ claimed: 1, sent: 0, retrying: 1 })
    expect(await db.outboxMessage.findFirstOrThrow({ where: { to: 'late0@example.com' } })).toMatchObject({ status: 'SENT', leaseOwner: null })
    expect(await db.auditEvent.count({ where: { action: 'mail.deferred', subjectLabel: 'late0@example.com' } })).toBe(0)
  })

  it('retries after the back-off alone when the SMTP server refuses connections, with the configured delay', async () => {
    await queue(3, 'outage')
    const down = createSmtpTransport({ smtpUrl: `smtp://127.0.0.1:${await closedPort()}` })
    let clock = Date.now()
    const now = () => new Date(clock)
    const first = await deliverOutbox({ transport: down, now, retryMs: 1000 })
    down.close()
    expect(first).toMatchObject({ claimed: 3, sent: 0, retrying: 3 })
    const rows = await getDb().outboxMessage.findMany({ where: { to: { startsWith: 'outage' } } })
    expect(rows.every((r) => r.status === 'QUEUED' && r.attempts === 1 && r.leaseUntil === null && /ECONNREFUSED/.test(r.lastResponse ?? ''))).toBe(true)
    clock += 1000
    expect(await deliverOutbox({ transport, now, retryMs: 1000 })).toMatchObject({ claimed: 3, sent: 3 })
  })

  it('gives up after the last attempt and keeps the server’s answer', async () => {
    await queue(1, 'doomed')
    refusing = true
    let clock = Date.now()
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await deliverOutbox({ transport, now: () => new Date(clock) })
      clock += 2 * 3600_000
    }
    refusing = false
    const row = await getDb().outboxMessage.findFirstOrThrow({ where: { to: 'doomed0@example.com' } })
    expect(row).toMatchObject({ status: 'FAILED', attempts: MAX_ATTEMPTS })
    expect(row.lastResponse).toMatch(/451/)
    expect((await deliverOutbox({ transport, now: () => new Date(clock) })).claimed).toBe(0)
  })

  it('sends both parts, the stable Message-ID and the configured sender', async () => {
    const m = received.find((r) => r.to[0] === 'flaky0@example.com')!
    const raw = m.raw.toString('utf8')
    expect(raw).toMatch(/Content-Type: text\/plain/)
    expect(raw).toMatch(/Content-Type: text\/html/)
    const row = await getDb().outboxMessage.findFirstOrThrow({ where: { to: 'flaky0@example.com' } })
    expect(m.messageId).toBe(row.messageId)
    expect(m.from).toBe('no-reply@localhost')
  })
})
