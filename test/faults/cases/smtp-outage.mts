// Fault 4: SMTP outage. Invitations are queued while the mail server refuses
// connections for several seconds; then it comes back. Promises: mail is
// retried with back-off (a message is tried a handful of times, not once a
// second), every message arrives exactly once; health reports mail as
// "degraded" during the outage and "ok" after it, while the database stays
// "ok" and health stays 200; validate keeps working meanwhile (its latency
// is printed).
import { prepareFaultEnv } from '../harness/fault-env.mjs'
import { seedGateway } from '../harness/gateway.mjs'
import { createClient, isShed, measureFloor, openLoop, percentile, type Sample } from '../harness/load.mjs'
import { compareWithOutbox, inviteNewUsers, startMailSink } from '../harness/mail.mjs'
import { check, newResult, note, type FaultResult } from '../harness/report.mjs'
import { waitFor } from '../harness/wait.mjs'

const MESSAGES = 300
/** Validate is measured for this long during the outage, once the portal has noticed it. */
const MEASURED_SECONDS = 5
/** The outage lasts at most this long (queueing, noticing, measuring). */
const OUTAGE_SECONDS = 15
const RETRY_SECONDS = 1
const DELIVERY_LIMIT_S = 30

export async function smtpOutage(): Promise<FaultResult> {
  const result = newResult('4. SMTP outage')
  const sink = await startMailSink()
  const faultEnv = await prepareFaultEnv({
    name: 'smtp',
    smtpPort: sink.port,
    extra: { PORTAL_MAIL_RETRY_SECONDS: String(RETRY_SECONDS), PORTAL_MAIL_LEASE_SECONDS: '10' },
  })
  const client = createClient({ base: faultEnv.base, maxSockets: 64 })
  try {
    const { key, nextPasscode } = await seedGateway({ people: 2000 })
    const server = await faultEnv.start()
    const auth = { Authorization: `Bearer ${key}` }
    let wrongAccepts = 0
    const validate = async (i: number) => {
      const wrong = i % 10 === 5
      const { person, passcode } = nextPasscode()
      const answer = await client.request('POST', '/api/v1/validate', { json: { username: person.username, passcode: wrong ? `0${passcode}` : passcode }, headers: auth })
      if (wrong && answer.body.includes('"accept"')) wrongAccepts++
      return answer
    }

    const floor = await measureFloor(client, { seconds: 2 })
    const rate = floor / 4
    const before = await openLoop({ rate, until: (ms) => ms >= 4000, send: validate })

    // Health, as monitoring polls it, all along.
    const health: { at: number; status: number; body: string }[] = []
    let polling = true
    const poller = (async () => {
      while (polling) {
        const at = performance.now()
        const answer = await client.request('GET', '/api/v1/health')
        health.push({ at, status: answer.status, body: answer.body })
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    })()

    await sink.refuseConnections()
    const outageBegan = performance.now()
    await inviteNewUsers({ count: MESSAGES, prefix: 'outage' })
    // Validate while the mail server is away, from once the invitations are queued.
    // Measured once health says degraded, and a second later: writing 300
    // invitations into the database disturbs validate for a moment by
    // itself (seen with the mail worker off), which is not the outage's doing.
    await waitFor(async () => (await client.request('GET', '/api/v1/health')).body.includes('"mail":"degraded"'), { timeoutMs: 5000, what: 'health to say mail degraded' }).catch(() => undefined)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const during = await openLoop({ rate, until: (ms) => ms >= MEASURED_SECONDS * 1000 || performance.now() - outageBegan >= OUTAGE_SECONDS * 1000, send: validate })
    await sink.acceptConnections()
    const back = performance.now()
    note(result, `mail server refused connections for ${((back - outageBegan) / 1000).toFixed(1)} s; ${MESSAGES} invitations queued meanwhile`)

    let deliveredIn: number | null = null
    const after: Sample[] = []
    const load = openLoop({ rate, until: (ms) => ms > 3000 && deliveredIn !== null, send: validate, onSample: (s) => after.push(s) })
    try {
      await waitFor(() => sink.arrivals.size >= MESSAGES, { timeoutMs: DELIVERY_LIMIT_S * 1000, what: `${MESSAGES} messages at the sink` })
      deliveredIn = (performance.now() - back) / 1000
    } catch {
      deliveredIn = -1
    }
    await load
    // Health sees mail ok again once nothing waits for a retry.
    const healthyIn = await waitFor(async () => (await client.request('GET', '/api/v1/health')).body.includes('"mail":"ok"'), { timeoutMs: 10_000, what: 'health to say mail ok' }).catch(() => null)
    polling = false
    await poller

    const { getDb } = await import('../../../lib/db')
    const rows = await getDb().outboxMessage.findMany({ where: { to: { startsWith: 'outage' } }, select: { attempts: true, status: true } })
    const deferred = await getDb().auditEvent.count({ where: { action: 'mail.deferred' } })
    const mail = await compareWithOutbox(sink)
    result.requests = before.length + during.length + after.length + health.length
    result.wrongAccepts = wrongAccepts
    result.lost = mail.lost
    result.duplicated = mail.duplicated
    result.clientErrors = [...before, ...during, ...after].filter((s) => s.status !== 200).length + health.filter((h) => h.status !== 200).length
    result.recoverySeconds = deliveredIn
    const tries = rows.map((r) => r.attempts)
    note(result, `tries per message: ${Math.min(...tries)}–${Math.max(...tries)} (${deferred} deferrals recorded); all delivered ${deliveredIn < 0 ? 'NOT' : `${deliveredIn.toFixed(1)} s`} after the mail server came back`)
    check(result, wrongAccepts === 0, `no wrong passcode is accepted (${wrongAccepts} were)`)
    check(result, deliveredIn >= 0, `every message arrives within ${DELIVERY_LIMIT_S} s of the mail server's return (${sink.arrivals.size} of ${MESSAGES})`)
    check(result, mail.lost === 0 && mail.duplicated === 0 && mail.unknown === 0, `every message exactly once (lost ${mail.lost}, duplicated ${mail.duplicated}, unknown ${mail.unknown})`)
    check(result, rows.every((r) => r.status === 'SENT'), `every message is recorded as sent (${JSON.stringify(mail.statuses)})`)
    check(result, deferred > 0 && Math.max(...tries) >= 2, `the outage was seen: deliveries failed and were tried again (${deferred} deferrals)`)
    const outage = (back - outageBegan) / 1000
    const maxTries = Math.ceil(Math.log2(outage / RETRY_SECONDS + 1)) + 2
    check(result, Math.max(...tries) <= maxTries, `retries back off: at most ${maxTries} tries for a ${outage.toFixed(0)} s outage (most: ${Math.max(...tries)})`)

    // From the first failed delivery until the server is back, every poll says degraded.
    const healthDuring = health.filter((h) => h.at > outageBegan && h.at < back)
    const firstDegraded = healthDuring.findIndex((h) => h.body.includes('"mail":"degraded"'))
    const fromThen = firstDegraded < 0 ? [] : healthDuring.slice(firstDegraded).filter((h) => !isShed(h.body))
    note(result, `health during the outage: mail degraded from ${firstDegraded < 0 ? 'never' : `${((healthDuring[firstDegraded]!.at - outageBegan) / 1000).toFixed(1)} s in`}; ${fromThen.filter((h) => h.body.includes('"mail":"degraded"')).length} of the ${fromThen.length} polls from then on said so`)
    check(result, fromThen.length > 0 && fromThen.every((h) => h.body.includes('"mail":"degraded"')), 'health says mail degraded during the outage, from the first failed delivery on')
    check(
      result,
      health.every((h) => (h.status === 200 && h.body.includes('"database":"ok"')) || isShed(h.body)),
      `health stays 200 with database ok: mail never makes the portal unavailable (saw ${[...new Set(health.map((h) => `${h.status} ${h.body}`))].join(', ')})`,
    )
    check(result, healthyIn !== null, 'health says mail ok again once everything is delivered')

    // Latency is printed, not asserted: validate slows markedly in this
    // window, and a control run with the mail worker off slowed too, so the
    // cause looks like the burst of 300 sealed invitations written just
    // before (open: README, "Fault suite"), not the outage. Asserted: validate
    // keeps answering (no error, no request left without an answer).
    const at = (samples: Sample[], p: number) => percentile(samples.map((s) => s.latency), p)
    const spread = (samples: Sample[]) => [50, 90, 99].map((p) => at(samples, p).toFixed(0)).join('/')
    note(result, `validate at ${Math.round(rate)}/s, p50/p90/p99: ${spread(before)} ms before, ${spread(during)} ms during the outage, ${spread(after)} ms while the backlog is delivered`)
    // A 503 here is the load shedder's "busy" (the database is fine): the machine, not mail.
    const failed = during.filter((s) => s.status !== 200 && s.status !== 503)
    check(result, failed.length === 0, `validate keeps answering while mail is down (${failed.length} did not: ${[...new Set(failed.map((s) => s.status || s.error))].join(', ')}; ${during.filter((s) => s.status === 503).length} shed as busy)`)
    check(result, server.exitedWith() === null, `the server keeps running (${server.exitedWith()})`)
    await server.stop()
  } finally {
    client.close()
    await sink.close()
    await faultEnv.cleanup()
  }
  return result
}
