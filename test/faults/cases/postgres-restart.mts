// Fault 3: PostgreSQL restarted under load. Validate is offered half the
// floor's rate while the database is stopped for 10 s and started again.
// Promises: while it is down, validate answers 503 at once (so a RADIUS
// server fails over) and health says database: unreachable with a 503; no request
// hangs; once it is back, the same server recovers within a few seconds;
// no wrong or replayed passcode is ever accepted, and no valid one is
// rejected (an outage must not count as a failed sign-in).
import type { BenchPerson } from '../../../scripts/bench/bench-tokens.mjs'
import { prepareFaultEnv } from '../harness/fault-env.mjs'
import { seedGateway } from '../harness/gateway.mjs'
import { createClient, isShed, measureFloor, openLoop, percentile, type Answer } from '../harness/load.mjs'
import { startPostgres } from '../harness/postgres.mjs'
import { check, newResult, note, type FaultResult } from '../harness/report.mjs'

const DOWN_SECONDS = 10
/** "Quickly": an answer while the database is down takes at most this long, or twice validate's p99 before the outage on a crowded machine. */
const QUICK_MS = 1000
/** No request may take longer than this, whatever happens: "a few seconds", well inside a RADIUS server's 10 s (PORTAL_TIMEOUT). */
const HANG_MS = 6000
/** The portal must serve normally again this soon after the database is back. */
const RECOVERY_LIMIT_S = 5

type Kind = 'valid' | 'wrong' | 'replay'

type Outcome = { kind: Kind; sentAt: number; answeredAt: number; answer: Answer }

export async function postgresRestart(): Promise<FaultResult> {
  const result = newResult('3. PostgreSQL restarted under load')
  const cluster = startPostgres()
  const faultEnv = await prepareFaultEnv({ name: 'pg', databaseUrl: cluster.createDatabase('faults_pg') })
  const client = createClient({ base: faultEnv.base, maxSockets: 256, timeoutMs: 15_000 })
  const probe = createClient({ base: faultEnv.base, maxSockets: 2, timeoutMs: 15_000 })
  try {
    // People who finished enrollment: the valid passcodes come from these;
    // a separate group takes the wrong PINs (they may lock: still rejects).
    const { people, key, nextPasscode } = await seedGateway({ people: 6000 })
    // Taken out before any valid passcode is drawn: the source skips no one it still holds.
    const guessed = people.splice(0, 500)
    const server = await faultEnv.start()

    const floor = await measureFloor(client)
    const rate = floor / 2
    note(result, `floor (health at saturation) ${Math.round(floor)} req/s; validate offered ${Math.round(rate)} req/s`)

    const accepted: { person: BenchPerson; passcode: string }[] = []
    const outcomes: Outcome[] = []
    const validate = async (kind: Kind, username: string, passcode: string) => {
      const sentAt = performance.now()
      const answer = await client.request('POST', '/api/v1/validate', { json: { username, passcode }, headers: { Authorization: `Bearer ${key}` } })
      outcomes.push({ kind, sentAt, answeredAt: performance.now(), answer })
      return answer
    }
    const send = async (i: number) => {
      if (i % 10 === 3) {
        const person = guessed[i % guessed.length]!
        return validate('wrong', person.username, `000000${nextPasscode().passcode.slice(-6)}`)
      }
      if (i % 10 === 7 && accepted.length) {
        const used = accepted[(i * 7919) % accepted.length]!
        return validate('replay', used.person.username, used.passcode)
      }
      const { person, passcode } = nextPasscode()
      const answer = await validate('valid', person.username, passcode)
      if (answer.status === 200 && answer.body.includes('"accept"')) accepted.push({ person, passcode })
      return answer
    }

    // Health, as a load balancer polls it, all along.
    const healthSeen: { at: number; status: number; body: string; ms: number }[] = []
    let polling = true
    const poller = (async () => {
      while (polling) {
        const at = performance.now()
        const answer = await probe.request('GET', '/api/v1/health')
        healthSeen.push({ at, status: answer.status, body: answer.body, ms: answer.ms })
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    })()

    const phase = { stopping: 0, down: 0, up: 0, end: 0 }
    const start = performance.now()
    const load = openLoop({ rate, until: (elapsed) => phase.end > 0 && start + elapsed > phase.end, send })
    const waitUntil = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms - performance.now())))
    await waitUntil(start + 5000)
    phase.stopping = performance.now()
    cluster.down()
    phase.down = performance.now()
    note(result, `database stopping took ${((phase.down - phase.stopping) / 1000).toFixed(1)} s; down for ${DOWN_SECONDS} s`)
    // The outage itself lasts a fixed time: that is the scenario, not a wait for a race.
    await waitUntil(phase.down + DOWN_SECONDS * 1000)
    const upBegan = performance.now()
    cluster.up()
    phase.up = performance.now()
    note(result, `database accepting connections again ${((phase.up - upBegan) / 1000).toFixed(1)} s after its start began`)
    phase.end = phase.up + 10_000
    await load
    polling = false
    await poller

    result.requests = outcomes.length + healthSeen.length
    const isAccept = (o: Outcome) => o.answer.status === 200 && o.answer.body.includes('"accept"')
    result.wrongAccepts = outcomes.filter((o) => o.kind !== 'valid' && isAccept(o)).length
    result.clientErrors = outcomes.filter((o) => o.answer.status !== 200).length
    check(result, result.wrongAccepts === 0, `no wrong or replayed passcode is accepted (${result.wrongAccepts} were)`)
    const validRejected = outcomes.filter((o) => o.kind === 'valid' && o.answer.status === 200 && !isAccept(o)).length
    check(result, validRejected === 0, `no valid passcode is rejected: an outage answers 503, it does not count a failure (${validRejected} rejected)`)

    const slowest = Math.max(...outcomes.map((o) => o.answer.ms), ...healthSeen.map((h) => h.ms))
    check(result, slowest <= HANG_MS, `no request hangs: every answer within ${HANG_MS} ms (slowest ${Math.round(slowest)} ms)`)
    const noAnswer = outcomes.filter((o) => o.answer.status === 0)
    check(result, noAnswer.length === 0, `every request gets an HTTP answer (${noAnswer.length} got ${noAnswer[0]?.answer.error ?? 'none'})`)

    // While the database is down (sent after it stopped, before it was started again).
    const whileDown = outcomes.filter((o) => o.sentAt >= phase.down && o.answeredAt <= upBegan)
    const downStatuses = countBy(whileDown.map((o) => String(o.answer.status)))
    note(result, `validate while the database was down: ${whileDown.length} requests, statuses ${JSON.stringify(downStatuses)}, p99 ${percentile(whileDown.map((o) => o.answer.ms), 99).toFixed(1)} ms`)
    check(result, whileDown.length > 0 && whileDown.every((o) => o.answer.status === 503), `validate answers 503 while the database is down (${JSON.stringify(downStatuses)})`)
    const beforeOutage = outcomes.filter((o) => o.answeredAt < phase.stopping && o.answer.status === 200)
    const quick = Math.max(QUICK_MS, 2 * percentile(beforeOutage.map((o) => o.answer.ms), 99))
    const slowDown = whileDown.filter((o) => o.answer.ms > quick).length
    check(result, slowDown === 0, `…and quickly, within ${quick.toFixed(0)} ms (${slowDown} took longer)`)
    const unavailableBody = whileDown.filter((o) => o.answer.status === 503).every((o) => /"error":"unavailable"/.test(o.answer.body) && o.answer.headers['retry-after'])
    check(result, unavailableBody, 'the 503 says {"error":"unavailable",…} with Retry-After')

    const healthDown = healthSeen.filter((h) => h.at >= phase.down && h.at + h.ms <= upBegan)
    check(
      result,
      healthDown.length > 0 && healthDown.every((h) => h.status === 503 && (/"database":"unreachable"/.test(h.body) || isShed(h.body))),
      `health answers 503 with database: unreachable while it is down (saw ${JSON.stringify(countBy(healthDown.map((h) => `${h.status} ${h.body}`)))})`,
    )

    // Recovery: from the moment the database accepts connections until
    // validate answers 200 from then on.
    const after = outcomes.filter((o) => o.sentAt >= phase.up).sort((a, b) => a.sentAt - b.sentAt)
    const lastBad = after.filter((o) => o.answer.status !== 200 && !isShed(o.answer.body)).at(-1)
    const perSecond = Array.from({ length: 10 }, (_, s) => after.filter((o) => o.sentAt >= phase.up + s * 1000 && o.sentAt < phase.up + (s + 1) * 1000))
    note(result, `validate after the database's return, per second: ${perSecond.map((w) => JSON.stringify(countBy(w.map((o) => String(o.answer.status || o.answer.error))))).join(' ')}`)
    const firstBad = after.find((o) => o.answer.status !== 200)
    if (firstBad) note(result, `first non-200 after the return: ${firstBad.answer.status} ${firstBad.answer.body.slice(0, 200)}`)
    result.recoverySeconds = lastBad ? (lastBad.answeredAt - phase.up) / 1000 : 0
    check(result, result.recoverySeconds <= RECOVERY_LIMIT_S, `validate serves again within ${RECOVERY_LIMIT_S} s of the database's return (took ${result.recoverySeconds.toFixed(1)} s)`)
    const lateAccepts = after.filter((o) => o.kind === 'valid' && isAccept(o) && o.sentAt > phase.up + RECOVERY_LIMIT_S * 1000).length
    check(result, lateAccepts > 0, 'valid passcodes are accepted again after the recovery')
    const healthAfter = healthSeen.filter((h) => h.at > phase.up + RECOVERY_LIMIT_S * 1000)
    check(
      result,
      healthAfter.length > 0 && healthAfter.every((h) => (h.status === 200 && /"database":"ok"/.test(h.body)) || isShed(h.body)),
      `health is 200 with database: ok again (saw ${JSON.stringify(countBy(healthAfter.map((h) => `${h.status} ${h.body}`)))})`,
    )
    check(result, server.exitedWith() === null, `the same server keeps running, no restart (${server.exitedWith()})`)
    note(result, `validate: ${outcomes.length} requests (${accepted.length} accepted), ${result.clientErrors} non-200 answers, ${outcomes.filter((o) => isShed(o.answer.body)).length} of them "busy" from the load shedder`)
    await server.stop()
  } finally {
    client.close()
    probe.close()
    await faultEnv.cleanup()
    cluster.remove()
  }
  return result
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1
  return counts
}
