// npm run bench:validate -- [--tokens 5000] [--seconds 8] [--connections 48] [--db sqlite|postgres] [--rate N] [--soak SECONDS] [--exclusion-rules N]
// The production server on SQLite (or PostgreSQL) with N enrolled tokens. Sends valid,
// unique passcodes (and ~10 % wrong ones) over many keep-alive connections,
// and in the same run measures GET /api/v1/health (one tiny query) as the
// floor. Prints req/s and p50/p99 for both at saturation (closed loop: each
// connection sends its next request when the last one is answered), then
// offers validate a steady rate of half the floor's throughput (open loop:
// requests leave on schedule whether or not earlier ones were answered, and
// latency counts from the scheduled time) and prints its p50/p99.
// Goal, on a 2-core machine: validate ≥ 50 % of the floor; p99 < 50 ms at
// that rate. (At saturation, latency is connections ÷ throughput for any
// route, the floor included: that p99 measures the queue, not the code.)
// --rate N: the steady open-loop rate, instead of half the floor's: to
// compare two runtimes or machines at the same offered load.
// --soak N: then keeps validate at that steady rate for N more seconds,
// printing the server's resident memory each minute and how it exited (a
// native crash shows as its signal): the check that a runtime or driver
// upgrade neither aborts nor leaks under hours of sign-ins.
// --exclusion-rules N: then measures validate at saturation without MFA
// exclusion rules and with N rules that match none of its requests, on the
// same server, in three rounds in ABBA order (without, with, with, without,
// without, with) so that drift and other load on the machine fall on both
// alike, and prints the median rate of each and how much slower the rules
// make it, and the server process's CPU time per request in each mode
// (from /proc), which other load on the machine hardly moves. Goal: no
// more than 10 % slower with 1,000 rules. It also times
// the in-memory match alone in this process (µs per request), a figure the
// machine's other load hardly moves. Finally one rule for a benchmark user,
// to show the rules are really consulted: a wrong passcode must then come
// back accepted, excluded.
import http from 'node:http'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { seedBenchExclusionRules, switchBenchExclusionRules } from './bench-exclusions.mjs'
import { seedBenchTokens } from './bench-tokens.mjs'
import { benchDatabase, startBenchServer } from './bench-server.mjs'

const { values } = parseArgs({
  options: {
    tokens: { type: 'string' },
    seconds: { type: 'string', default: '8' },
    connections: { type: 'string', default: '48' },
    db: { type: 'string' },
    rate: { type: 'string' },
    soak: { type: 'string', default: '0' },
    'exclusion-rules': { type: 'string', default: '0' },
  },
})
const soakSeconds = Number(values.soak)
// Each token takes one valid code per 30 s step: a long run at a few hundred
// requests a second needs that many times 30 tokens.
const exclusionRules = Number(values['exclusion-rules'])
// The exclusion comparison runs validate six more times: more tokens, so none runs out of codes.
const tokens = Number(values.tokens ?? (soakSeconds > 0 ? 40_000 : exclusionRules > 0 ? 15_000 : 5000))
const seconds = Number(values.seconds)
const connections = Number(values.connections)
const fixedRate = values.rate === undefined ? null : Number(values.rate)
if (
  ![tokens, seconds, connections].every((v) => Number.isInteger(v) && v > 0) ||
  ![soakSeconds, exclusionRules].every((v) => Number.isInteger(v) && v >= 0) ||
  (fixedRate !== null && !(fixedRate > 0))
) {
  console.error('usage: npm run bench:validate -- [--tokens N] [--seconds N] [--connections N] [--db sqlite|postgres] [--rate N] [--soak SECONDS] [--exclusion-rules N]')
  process.exit(1)
}

const database = benchDatabase(values.db)
const { base, status, serverRss, serverCpuMs, stopAndWait } = await startBenchServer({ db: database })
console.log(`runtime: Node.js ${process.version}`)
const { CLI_ACTOR } = await import('../../lib/audit')
const { createApiClient } = await import('../../lib/api-clients')
const { disconnectDb } = await import('../../lib/db')
const { generateOtp } = await import('../../lib/otp')

// 5,000 people who finished enrollment: active TOTP tokens with PINs.
const t0 = performance.now()
const people = await seedBenchTokens({ count: tokens })
const { key } = await createApiClient({ name: 'bench-gateway', actor: CLI_ACTOR })
await disconnectDb()
console.log(`${database}: seeded ${tokens} active tokens in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

// Idle sockets are closed on our side (4 s) before the server's keep-alive
// timeout (5 s) can close one under a request being sent on it.
const agent = new http.Agent({ keepAlive: true, maxSockets: connections, timeout: 4000 })
function send(method: 'GET' | 'POST', path: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}${path}`, { method, agent, headers: body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Authorization: `Bearer ${key}` } : {} }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => (text += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }))
    })
    request.on('error', reject)
    request.end(body)
  })
}

type Run = { requests: number; seconds: number; latencies: number[] }
async function load(next: () => Promise<void>, forSeconds: number): Promise<Run> {
  const latencies: number[] = []
  const until = performance.now() + forSeconds * 1000
  const start = performance.now()
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const began = performance.now()
        await next()
        latencies.push(performance.now() - began)
      }
    }),
  )
  return { requests: latencies.length, seconds: (performance.now() - start) / 1000, latencies: latencies.sort((a, b) => a - b) }
}
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0

// Warm up both routes (JIT, prepared statements, connection pool).
await load(() => send('GET', '/api/v1/health').then(() => undefined), 1)

const floor = await load(async () => {
  const r = await send('GET', '/api/v1/health')
  if (r.status !== 200) throw new Error(`health answered ${r.status}`)
}, seconds)

// Codes are computed before the clock starts, so the load generator (on the
// same two cores) spends its time sending, not hashing.
const codes = new Map<string, string>()
const codeFor = (person: (typeof people)[number], step: number) => {
  const id = `${person.tokenId}:${step}`
  let code = codes.get(id)
  if (!code) {
    if (codes.size > 200_000) codes.clear()
    codes.set(id, (code = generateOtp({ type: 'TOTP', secret: person.secret, timestamp: step * 30_000 })))
  }
  return code
}
const firstStep = Math.floor(Date.now() / 30_000)
for (const person of people) for (const step of [firstStep, firstStep + 1]) codeFor(person, step)

// Valid passcodes: each token at most once per time step (the current one,
// then the next, which the ±1 window accepts); one request in ten is a wrong PIN.
let cursor = 0
let sent = 0
const tally = { validAccepted: 0, validRejected: 0, wrongRejected: 0, wrongAccepted: 0, other: 0 }
async function validateOnce() {
  const now = Date.now()
  const step = Math.floor(now / 30_000)
  let person = people[cursor++ % people.length]!
  for (let tries = 0; person.lastStep >= step + 1 && tries < people.length; tries++) person = people[cursor++ % people.length]!
  const wrong = ++sent % 10 === 0
  const useStep = wrong ? step : Math.max(step, person.lastStep + 1)
  if (!wrong) person.lastStep = useStep
  const code = codeFor(person, useStep)
  const r = await send('POST', '/api/v1/validate', JSON.stringify({ username: person.username, passcode: `${wrong ? '000000' : person.pin}${code}` }))
  const accepted = r.status === 200 && r.text.includes('"accept"')
  if (r.status !== 200) tally.other++
  else if (wrong) tally[accepted ? 'wrongAccepted' : 'wrongRejected']++
  else tally[accepted ? 'validAccepted' : 'validRejected']++
}
const validateRun = await load(validateOnce, seconds)

// Open loop at half the floor's throughput.
async function steady(next: () => Promise<void>, rate: number, forSeconds: number): Promise<Run> {
  const latencies: number[] = []
  const pending: Promise<void>[] = []
  const start = performance.now()
  const total = Math.floor(rate * forSeconds)
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate
    const wait = due - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    pending.push(next().then(() => void latencies.push(performance.now() - due)))
  }
  await Promise.all(pending)
  return { requests: latencies.length, seconds: (performance.now() - start) / 1000, latencies: latencies.sort((a, b) => a - b) }
}
const floorRate = floor.requests / floor.seconds
// The load generator shares the cores: its own stalls delay requests too, and are printed beside the figures.
const generatorDelay = monitorEventLoopDelay({ resolution: 5 })
generatorDelay.enable()
const steadyRate = fixedRate ?? floorRate / 2
const steadyRun = await steady(validateOnce, steadyRate, seconds)
generatorDelay.disable()

const line = (name: string, run: Run) =>
  `${name.padEnd(22)}${Math.round(run.requests / run.seconds).toString().padStart(8)} req/s   p50 ${pct(run.latencies, 50).toFixed(1).padStart(6)} ms   p99 ${pct(run.latencies, 99).toFixed(1).padStart(6)} ms   (${run.requests} requests, ${connections} connections)`
console.log(line('GET /api/v1/health', floor))
console.log(line('POST /api/v1/validate', validateRun))
console.log(
  `${'POST /api/v1/validate'.padEnd(22)}${Math.round(steadyRun.requests / steadyRun.seconds).toString().padStart(8)} req/s   p50 ${pct(steadyRun.latencies, 50).toFixed(1).padStart(6)} ms   p99 ${pct(steadyRun.latencies, 99).toFixed(1).padStart(6)} ms   (${steadyRun.requests} requests offered at ${Math.round(steadyRate)}/s, open loop)`,
)
const share = (validateRun.requests / validateRun.seconds / floorRate) * 100
const p99 = pct(steadyRun.latencies, 99)
console.log(`(load generator's own event-loop delay in the steady run: p99 ${(generatorDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(generatorDelay.max / 1e6).toFixed(1)} ms)`)
console.log(`validate is ${share.toFixed(0)} % of the floor (goal ≥ 50 %); p99 ${p99.toFixed(1)} ms at ${fixedRate === null ? "half the floor's rate" : `${fixedRate}/s`} (goal < 50 ms)`)

if (exclusionRules > 0) {
  const { addExclusionRule, compileExclusionRules, EXCLUSION_RULES_TTL_MS, matchExclusion } = await import('../../lib/exclusions')
  const rules = await seedBenchExclusionRules({ count: exclusionRules, enabled: false })
  // Every instance reads the rules again after the TTL; the warm-up's first request starts that read.
  const switchRules = async (enabled: boolean) => {
    await switchBenchExclusionRules({ enabled })
    await disconnectDb()
    await new Promise((r) => setTimeout(r, EXCLUSION_RULES_TTL_MS + 500))
    await load(validateOnce, 1)
  }
  const rate = (run: Run) => run.requests / run.seconds
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  const runs: Record<'without' | 'with', number[]> = { without: [], with: [] }
  const cpu: Record<'without' | 'with', number[]> = { without: [], with: [] }
  for (const mode of ['without', 'with', 'with', 'without', 'without', 'with'] as const) {
    await switchRules(mode === 'with')
    const cpuBefore = serverCpuMs()
    const run = await load(validateOnce, seconds)
    const cpuAfter = serverCpuMs()
    runs[mode].push(rate(run))
    const perRequest = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / run.requests
    if (perRequest !== null) cpu[mode].push(perRequest)
    console.log(`${line(mode === 'with' ? `validate, ${exclusionRules} rules` : 'validate, no rules', run)}${perRequest === null ? '' : `   server CPU ${perRequest.toFixed(2)} ms/request`}`)
  }
  await switchRules(false)
  const slower = (1 - median(runs.with) / median(runs.without)) * 100
  console.log(
    `with ${exclusionRules} non-matching exclusion rules validate is ${slower.toFixed(1)} % slower than without (medians of three runs each, ${Math.round(median(runs.with))} against ${Math.round(median(runs.without))} req/s; goal ≤ 10 %)`,
  )
  if (cpu.with.length && cpu.without.length) {
    const more = (median(cpu.with) / median(cpu.without) - 1) * 100
    console.log(`server CPU per validate request: ${median(cpu.with).toFixed(2)} ms with the rules against ${median(cpu.without).toFixed(2)} ms without (${more.toFixed(1)} % more; medians)`)
  }

  // The match alone, in this process: what each request pays for the rules.
  const matcher = compileExclusionRules({ rules, groupMembers: new Map() })
  const now = new Date()
  for (const address of ['127.0.0.1', '::1']) {
    const rounds = 20_000
    let hits = 0
    const began = performance.now()
    for (let i = 0; i < rounds; i++) if (matchExclusion(matcher, { username: people[i % people.length]!.username, clientName: 'bench-gateway', address, now })) hits++
    const micro = ((performance.now() - began) * 1000) / rounds
    console.log(`matching one request from ${address} against ${exclusionRules} rules: ${micro.toFixed(1)} µs in this process${hits ? ` (${hits} matched: wrong)` : ''}`)
  }

  const excluded = people[0]!
  const rule = await addExclusionRule({ input: { kind: 'USER', value: excluded.username, description: 'bench: one that matches' }, actor: CLI_ACTOR })
  await disconnectDb()
  await new Promise((r) => setTimeout(r, EXCLUSION_RULES_TTL_MS + 500))
  let answer = ''
  for (let tries = 0; tries < 20 && !answer.includes('"excluded"'); tries++) {
    answer = (await send('POST', '/api/v1/validate', JSON.stringify({ username: excluded.username, passcode: 'wrong' }))).text
    if (!answer.includes('"excluded"')) await new Promise((r) => setTimeout(r, 250))
  }
  const expected = JSON.stringify({ result: 'accept', mfa: 'excluded', exclusionRuleId: rule.id })
  console.log(`a matching rule: ${answer === expected ? 'wrong passcode accepted, excluded (as it must be)' : `unexpected answer ${answer}`}`)
  if (answer !== expected) tally.other++
}

let soakFailed = false
if (soakSeconds > 0) {
  const rate = steadyRate
  const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 2 ** 20).toFixed(0)} MB`)
  console.log(`soak: validate at ${Math.round(rate)}/s (open loop) for ${soakSeconds} s; the server's resident memory each minute`)
  const memory: number[] = []
  const before = serverRss()
  for (let elapsed = 0; elapsed < soakSeconds; elapsed += 60) {
    const run = await steady(validateOnce, rate, Math.min(60, soakSeconds - elapsed))
    const rss = serverRss()
    if (rss !== null) memory.push(rss)
    const state = await status()
    console.log(`  ${String(Math.round((elapsed + run.seconds) / 60)).padStart(3)} min  ${String(run.requests).padStart(7)} requests  p99 ${pct(run.latencies, 99).toFixed(1).padStart(6)} ms  rss ${mb(rss).padStart(7)}  server ${state}`)
    if (state !== 'running') {
      soakFailed = true
      break
    }
  }
  if (memory.length) {
    console.log(`soak memory: before ${mb(before)}, after the first minute ${mb(memory[0]!)}, peak ${mb(Math.max(...memory))}, at the end ${mb(memory.at(-1)!)}`)
  }
}
console.log(`valid accepted ${tally.validAccepted}, valid rejected ${tally.validRejected}, wrong rejected ${tally.wrongRejected}, wrong accepted ${tally.wrongAccepted}, non-200 ${tally.other}`)
agent.destroy()
const ending = await stopAndWait()
console.log(`server stopped: ${ending}`)
if (tally.validRejected || tally.wrongAccepted || tally.other || soakFailed) {
  console.error('correctness check failed: see the counts above')
  process.exit(1)
}
