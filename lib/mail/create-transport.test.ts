import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSmtpSink } from '@/test/smtp-sink'
import { createSmtpTransport, type MailTransport } from './create-transport'

let sink: Awaited<ReturnType<typeof startSmtpSink>>
let transport: MailTransport
let received = 0

beforeAll(async () => {
  sink = await startSmtpSink({ onMessage: () => received++ })
  transport = createSmtpTransport({ smtpUrl: `smtp://127.0.0.1:${sink.port}`, maxConnections: 3 })
})
afterAll(async () => {
  transport.close()
  await sink.close()
})

const send = (i: number) => transport.send({ messageId: `<m${i}@example.com>`, from: 'a@example.com', to: 'b@example.com', subject: 's', html: '<p>h</p>', text: 'h' })

describe('createSmtpTransport', () => {
  it('fails every send while the server refuses connections, and sends again once it is back', async () => {
    await sink.refuseConnections()
    // More sends than pool slots: each refused connection must free its slot.
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => send(i)))
    expect(outcomes.every((o) => o.status === 'rejected' && /ECONNREFUSED/.test(String((o.reason as Error).message)))).toBe(true)

    await sink.acceptConnections()
    const sent = await Promise.all(Array.from({ length: 5 }, (_, i) => send(100 + i)))
    expect(sent.every((s) => /^250/.test(s.response))).toBe(true)
    expect(received).toBe(5)
  }, 20_000)
})
