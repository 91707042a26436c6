// npm run bench:radius -- [--tokens 8000] [--seconds 8] [--concurrency 32] [--db sqlite|postgres]
// FreeRADIUS with the shipped configuration (deploy/freeradius) in front of
// the production server, against validate called directly, in one run:
//   1. POST /api/v1/validate at saturation: `concurrency` keep-alive
//      connections, closed loop (each sends its next request when answered);
//   2. Access-Request through FreeRADIUS at saturation: radclient with
//      `concurrency` packets in flight (-p), valid unique passcodes;
//   3. the ratio of the two (goal ≥ 50 %);
//   4. Access-Request offered at half the rate measured in 2, open loop
//      (requests leave on schedule; latency counts from the scheduled time),
//      p50/p99 (goal p99 ≤ 50 ms), and validate direct at the same rate for
//      comparison. radclient reports no per-request times, so this run uses
//      scripts/bench/radius-client.mts.
// Every passcode sent is valid and unused: the run fails if any is not accepted.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { startFreeRadius } from '../../test/freeradius'
import { benchDatabase, startBenchServer } from './bench-server.mjs'
import { passcodeSource, seedBenchTokens } from './bench-tokens.mjs'
import { openRadiusClient } from './radius-client.mjs'

const { values } = parseArgs({
  options: { tokens: { type: 'string', default: '8000' }, seconds: { type: 'string', default: '8' }, concurrency: { type: 'string', default: '32' }, db: { type: 'string' } },
})
const tokens = Number(values.tokens)
const seconds = Number(values.seconds)
const concurrency = Number(values.concurrency)
if (![tokens, seconds, concurrency].every((v) => Number.isInteger(v) && v > 0) || concurrency > 256) {
  console.error('usage: npm run bench:radius -- [--tokens N] [--seconds N] [--concurrency 1..256] [--db sqlite|postgres]')
  process.exit(1)
}

const database = benchDatabase(values.db)
const { base, stopAndWait } = await startBenchServer({ db: database })
console.log(`runtime: Node.js ${process.version}; ${os.cpus().length} cores`)
const { CLI_ACTOR } = await import('../../lib/audit')
const { createApiClient } = await import('../../lib/api-clients')
const { disconnectDb } = await import('../../lib/db')

const t0 = performance.now()
const people = await seedBenchTokens({ count: tokens })
const { key } = await createApiClient({ name: 'bench-radius', actor: CLI_ACTOR })
await disconnectDb()
console.log(`${database}: seeded ${tokens} active tokens in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
const nextPasscode = await passcodeSource(people)

const radius = await startFreeRadius({ portalUrl: base, apiKey: key })
const failures: string[] = []
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
const rate = (count: number, ms: number) => (count * 1000) / ms

// --- 1. validate, direct, at saturation -----------------------------------
// Idle sockets are closed on our side (4 s) before the server's keep-alive
// timeout (5 s) can close one under a request being sent on it.
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, timeout: 4000 })
function validate(): Promise<boolean> {
  const { person, passcode } = nextPasscode()
  const body = JSON.stringify({ username: person.username, passcode, clientIp: '198.51.100.7' })
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}/api/v1/validate`, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Authorization: `Bearer ${key}` } }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => (text += chunk))
      response.on('end', () => resolve(response.statusCode === 200 && text === '{"result":"accept"}'))
    })
    request.on('error', reject)
    request.end(body)
  })
}
async function closedLoop(forMs: number) {
  let count = 0
  let rejected = 0
  const start = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() - start < forMs) {
        if (!(await validate())) rejected++
        count++
      }
    }),
  )
  return { count, rejected, ms: performance.now() - start }
}
await closedLoop(1000) // warm-up: JIT, prepared statements, connections
const direct = await closedLoop(seconds * 1000)
if (direct.rejected) failures.push(`direct validate rejected ${direct.rejected} valid passcodes`)
const directRate = rate(direct.count, direct.ms)

// --- 2. Access-Request through FreeRADIUS at saturation (radclient) ------
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'token-portal-bench-radius-'))
const secretFile = path.join(work, 'secret')
fs.writeFileSync(secretFile, radius.secret, { mode: 0o600 })
/** A radclient packet file of `count` valid, unused passcodes, written before the clock starts. */
function packetFile(name: string, count: number): string {
  const file = path.join(work, name)
  const packets = Array.from({ length: count }, () => {
    const { person, passcode } = nextPasscode()
    return `User-Name = "${person.username}"\nUser-Password = "${passcode}"\nCalling-Station-Id = "198.51.100.7"\nNAS-IP-Address = 10.0.0.1\nMessage-Authenticator = 0x00\n`
  })
  fs.writeFileSync(file, packets.join('\n'), { mode: 0o600 })
  return file
}
async function radclient(file: string) {
  const start = performance.now()
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('radclient', ['-q', '-s', '-p', String(concurrency), '-r', '1', '-t', '10', '-S', secretFile, '-f', file, `127.0.0.1:${radius.port}`, 'auth'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let text = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
    child.once('error', reject)
    child.once('close', () => resolve(text))
  })
  const ms = performance.now() - start
  const count = (label: string) => Number(new RegExp(`${label}\\s*:\\s*(\\d+)`).exec(output)?.[1] ?? NaN)
  return { ms, accepted: count('Accepted'), rejected: count('Rejected'), lost: count('Lost') }
}
await radclient(packetFile('warm-up', concurrency * 20)) // threads, pooled connections to the portal
// As many packets as validate answered directly in the same time: the run
// takes `seconds` at parity, twice that at half the rate.
const saturatedCount = direct.count
const saturated = await radclient(packetFile('saturation', saturatedCount))
if (saturated.accepted !== saturatedCount) failures.push(`radclient: ${saturated.accepted} of ${saturatedCount} accepted (${saturated.rejected} rejected, ${saturated.lost} lost)`)
const radiusRate = rate(saturated.accepted, saturated.ms)

// --- 4. both at half the RADIUS rate, open loop --------------------------
const client = await openRadiusClient({ port: radius.port, secret: radius.secret, sockets: Math.max(1, Math.ceil(concurrency / 64)) * 4 })
async function openLoop(send: (due: number) => Promise<boolean>, perSecond: number) {
  const latencies: number[] = []
  const slow: number[] = []
  const pending: Promise<void>[] = []
  let refused = 0
  const total = Math.floor(perSecond * seconds)
  const start = performance.now()
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / perSecond
    const wait = due - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    pending.push(
      send(due).then((ok) => {
        if (!ok) refused++
        const ms = performance.now() - due
        latencies.push(ms)
        if (ms > 50) slow.push((due - start) / 1000)
      }),
    )
  }
  await Promise.all(pending)
  return { count: total, refused, latencies: latencies.sort((a, b) => a - b), slow: slow.sort((a, b) => a - b) }
}
/** Where in the run the requests over 50 ms were sent: one stall shows as one cluster. */
const slowSummary = (slow: number[]) => (slow.length ? `; ${slow.length} over 50 ms, sent at ${[...new Set(slow.map((t) => t.toFixed(1)))].slice(0, 6).join(', ')} s` : '')
const halfRate = radiusRate / 2
const generatorDelay = monitorEventLoopDelay({ resolution: 5 })
generatorDelay.enable()
const radiusSteady = await openLoop(async (due) => {
  const { person, passcode } = nextPasscode()
  const reply = await client.send({ username: person.username, password: passcode, callingStationId: '198.51.100.7', nasIpAddress: '10.0.0.1' }, due)
  return reply.code === 'Access-Accept'
}, halfRate)
generatorDelay.disable()
if (radiusSteady.refused) failures.push(`RADIUS at a steady rate: ${radiusSteady.refused} valid passcodes not accepted`)
const directSteady = await openLoop(() => validate(), halfRate)
if (directSteady.refused) failures.push(`validate at a steady rate: ${directSteady.refused} valid passcodes not accepted`)

client.close()
agent.destroy()
await radius.stop()
fs.rmSync(work, { recursive: true, force: true })
const ending = await stopAndWait()

const line = (name: string, perSecond: number, detail: string) => `${name.padEnd(34)}${Math.round(perSecond).toString().padStart(6)} req/s   ${detail}`
const latency = (sorted: number[]) => `p50 ${pct(sorted, 50).toFixed(1).padStart(6)} ms   p99 ${pct(sorted, 99).toFixed(1).padStart(6)} ms`
console.log(line('POST /api/v1/validate (direct)', directRate, `${direct.count} requests, ${concurrency} connections, closed loop`))
console.log(line('Access-Request via FreeRADIUS', radiusRate, `${saturated.accepted} accepted, radclient -p ${concurrency}`))
console.log(line('Access-Request via FreeRADIUS', radiusSteady.count / seconds, `${latency(radiusSteady.latencies)}   (offered at ${Math.round(halfRate)}/s, open loop${slowSummary(radiusSteady.slow)})`))
console.log(line('POST /api/v1/validate (direct)', directSteady.count / seconds, `${latency(directSteady.latencies)}   (offered at ${Math.round(halfRate)}/s, open loop${slowSummary(directSteady.slow)})`))
console.log(`(load generator's own event-loop delay in the RADIUS steady run: p99 ${(generatorDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(generatorDelay.max / 1e6).toFixed(1)} ms)`)
console.log(
  `RADIUS is ${((radiusRate / directRate) * 100).toFixed(0)} % of the direct validate rate (goal ≥ 50 %); p99 ${pct(radiusSteady.latencies, 99).toFixed(1)} ms at half the RADIUS rate (goal ≤ 50 ms)`,
)
console.log(`server stopped: ${ending}`)
if (failures.length) {
  console.error(`correctness check failed:\n  ${failures.join('\n  ')}`)
  process.exit(1)
}
