// Fault 1: kill -9 during bulk mail. 2,000 invitations are queued; the
// server is killed with SIGKILL at a random moment of their delivery and
// started again, twice. Promises: every message arrives; a message arrives
// twice only if it was in flight at a kill (claimed by the killed worker,
// its outcome not recorded: the SMTP server may have taken it just before),
// and then with the same Message-ID; never more duplicates than messages
// in flight at the kills.
import { prepareFaultEnv } from '../harness/fault-env.mjs'
import { compareWithOutbox, inviteNewUsers, startMailSink } from '../harness/mail.mjs'
import { check, newResult, note, type FaultResult } from '../harness/report.mjs'
import { waitFor } from '../harness/wait.mjs'

const MESSAGES = 2000
const KILLS = 2
const DELIVERY_LIMIT_S = 90

export async function killBulkMail(): Promise<FaultResult> {
  const result = newResult('1. kill -9 during bulk mail')
  const sink = await startMailSink()
  // A short lease: a killed worker's messages wait this long before another takes them.
  const faultEnv = await prepareFaultEnv({ name: 'mail', smtpPort: sink.port, extra: { PORTAL_MAIL_LEASE_SECONDS: '3' } })
  try {
    await inviteNewUsers({ count: MESSAGES, prefix: 'bulk' })
    const { getDb, disconnectDb } = await import('../../../lib/db')
    await disconnectDb()

    const inFlightAtKills = new Set<string>()
    let started = performance.now()
    let server = await faultEnv.start()
    for (let kill = 1; kill <= KILLS; kill++) {
      // A random moment of the delivery: after between 10 % and 40 % more of it.
      const at = Math.min(MESSAGES - 1, sink.arrivals.size + Math.floor(MESSAGES * (0.1 + 0.3 * Math.random())))
      await waitFor(() => sink.arrivals.size >= at, { timeoutMs: DELIVERY_LIMIT_S * 1000, what: `${at} messages at the sink` })
      await server.kill()
      const arrived = sink.arrivals.size
      // In flight: claimed by the killed worker and not recorded as sent.
      const sending = await getDb().outboxMessage.findMany({ where: { status: 'SENDING', leaseOwner: { not: null } }, select: { messageId: true } })
      for (const row of sending) inFlightAtKills.add(row.messageId)
      await disconnectDb()
      note(result, `kill ${kill}: SIGKILL after ${arrived} messages had arrived; ${sending.length} in flight`)
      server = await faultEnv.start()
    }
    const lastStart = performance.now()
    await waitFor(() => sink.arrivals.size >= MESSAGES, { timeoutMs: DELIVERY_LIMIT_S * 1000, what: `all ${MESSAGES} messages at the sink` }).catch(() => undefined)
    // Every row recorded: nothing left SENDING or QUEUED.
    await waitFor(async () => (await getDb().outboxMessage.count({ where: { status: { not: 'SENT' } } })) === 0, { timeoutMs: 20_000, what: 'every message recorded as sent' }).catch(() => undefined)
    const finished = performance.now()
    const mail = await compareWithOutbox(sink)
    const duplicatedIds = [...sink.arrivals].filter(([, n]) => n > 1).map(([id]) => id)

    result.requests = sink.received()
    result.lost = mail.lost
    result.duplicated = mail.duplicated
    result.recoverySeconds = (finished - lastStart) / 1000
    note(result, `${mail.queued} queued, ${sink.arrivals.size} distinct arrived, ${mail.duplicated} arrived twice (all with their first Message-ID), ${inFlightAtKills.size} were in flight at the kills; outbox ${JSON.stringify(mail.statuses)}; everything delivered ${((finished - started) / 1000).toFixed(0)} s after the first start`)
    check(result, mail.queued === MESSAGES && mail.lost === 0, `every message arrives (${mail.lost} of ${mail.queued} lost)`)
    check(result, mail.unknown === 0, `every arrival carries the Message-ID its outbox row was given (${mail.unknown} unknown)`)
    check(result, mail.duplicated <= inFlightAtKills.size, `duplicates at most the messages in flight at the kills (${mail.duplicated} > ${inFlightAtKills.size})`)
    const outside = duplicatedIds.filter((id) => !inFlightAtKills.has(id))
    check(result, outside.length === 0, `only a message in flight at a kill arrives twice (${outside.length} others did)`)
    check(result, mail.statuses.SENT === MESSAGES, `every message is recorded as sent (${JSON.stringify(mail.statuses)})`)
    started = 0
    await server.stop()
  } finally {
    await sink.close()
    await faultEnv.cleanup()
  }
  return result
}
