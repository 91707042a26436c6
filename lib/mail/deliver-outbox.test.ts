import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { startSmtpSink, type SinkMessage } from '@/test/smtp-sink'
import { CLI_ACTOR } from '@/lib/audit'
import { disconnectDb, getDb } from '@/lib/db'
import { getSettings } from '@/lib/settings'
import { createSmtpTransport, type MailTransport } from './create-transport'
import { deliverOutbox, MAX_ATTEMPTS } from './deliver-outbox'
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
    clock += 31_000
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
