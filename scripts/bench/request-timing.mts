// npm run bench:request-timing
// "Send me a new link" must answer in the same time whether or not the
// account exists, or its timing tells who works here. Serves the production
// build on a fresh database with 50 users, sends 50 requests for existing
// accounts and 50 for unknown ones, interleaved, one at a time, as the form
// posts them (no JavaScript), and prints the median answer time of each and
// their difference. Goal: difference ≤ 2 ms. Each request comes "through a
// proxy" from an address of its own (TRUSTED_PROXIES), so the per-address
// limit never answers instead of the form.
import { startBenchServer } from './bench-server.mjs'

process.env.TRUSTED_PROXIES = '127.0.0.1, ::1'
const { base, stopAndWait } = await startBenchServer()
const { CLI_ACTOR } = await import('../../lib/audit')
const { disconnectDb, getDb } = await import('../../lib/db')
const { addUser } = await import('../../lib/users')

const PEOPLE = 50
for (let i = 0; i < PEOPLE; i++) await addUser({ input: { username: `person${i}`, email: `person${i}@example.com` }, actor: CLI_ACTOR })

const page = await (await fetch(`${base}/enroll/request`)).text()
const actionField = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(page)?.[1]
if (!actionField) throw new Error('no form on /enroll/request')

let address = 0
async function request(identifier: string): Promise<number> {
  const form = new FormData()
  form.set(actionField!, '')
  form.set('identifier', identifier)
  address++
  const started = performance.now()
  const response = await fetch(`${base}/enroll/request`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { Origin: 'null', 'Sec-Fetch-Site': 'same-origin', 'X-Forwarded-For': `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}` },
  })
  await response.arrayBuffer()
  const elapsed = performance.now() - started
  if (response.status !== 303 || !response.headers.get('location')?.endsWith('/enroll/request/sent')) throw new Error(`unexpected answer ${response.status} ${response.headers.get('location')}`)
  return elapsed
}

// Warm up: JIT, prepared statements, the route's first render.
for (let i = 0; i < 20; i++) await request(`warm-up-${i}`)
const existing: number[] = []
const unknown: number[] = []
for (let i = 0; i < PEOPLE; i++) {
  existing.push(await request(`person${i}`))
  unknown.push(await request(`nobody${i}`))
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length / 2
  return sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
const mExisting = median(existing)
const mUnknown = median(unknown)
console.log(`existing accounts   median ${mExisting.toFixed(2)} ms   (${PEOPLE} requests)`)
console.log(`unknown accounts    median ${mUnknown.toFixed(2)} ms   (${PEOPLE} requests)`)
console.log(`difference          ${Math.abs(mExisting - mUnknown).toFixed(2)} ms (goal ≤ 2 ms)`)

// And the work was done: one link for each existing person, nothing for the others.
const deadline = Date.now() + 60_000
while ((await getDb().enrollmentRequest.count()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
const links = await getDb().enrollmentInvitation.count({ where: { selfRequested: true } })
console.log(`links created by the background jobs: ${links} (expected ${PEOPLE})`)
await disconnectDb()
console.log(`server stopped: ${await stopAndWait()}`)
if (links !== PEOPLE) process.exit(1)
