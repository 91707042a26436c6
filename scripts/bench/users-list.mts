// npm run bench:users-list -- [--users 100000] [--runs 20] [--db sqlite|postgres]
// The administrators' users list (lib/users/listUserPage, what /admin/users
// calls: one page of 50 and the "N match" count) over N users in a fresh
// database: a third enrolled (an active token), a third invited (a live
// link), a third never invited; ten groups. Times each filter on the first
// page and on a page deep in the list, and starting a bulk invitation of
// everyone pending (lib/invitation-jobs startInvitationJob: the items).
// Goal: p95 ≤ 300 ms a page at 100,000 users.
import { parseArgs } from 'node:util'
import { benchDatabase, prepareBenchDatabase } from './bench-server.mjs'

const { values } = parseArgs({ options: { users: { type: 'string', default: '100000' }, runs: { type: 'string', default: '20' }, db: { type: 'string' } } })
const users = Number(values.users)
const runs = Number(values.runs)
if (![users, runs].every((v) => Number.isInteger(v) && v >= 3)) {
  console.error('usage: npm run bench:users-list -- [--users N] [--runs N] [--db sqlite|postgres]')
  process.exit(1)
}
const database = benchDatabase(values.db)
const { cleanup } = prepareBenchDatabase({ db: database })
const { disconnectDb, getHotSql, sql } = await import('../../lib/db')
const { listUserPage } = await import('../../lib/users')
const { startInvitationJob } = await import('../../lib/invitation-jobs')
const { CLI_ACTOR } = await import('../../lib/audit')

// Seeded in SQL: 100,000 users through lib one by one would take longer than the benchmark.
const t0 = performance.now()
const now = new Date()
const later = new Date(now.getTime() + 7 * 24 * 3600_000)
const hot = getHotSql()
const rows = database === 'postgres' ? sql`SELECT generate_series(0, ${users - 1}) AS i` : sql`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${users - 1}) SELECT i FROM n`
const pad = (expr: string) => (database === 'postgres' ? `lpad((${expr})::text, 6, '0')` : `substr('000000' || (${expr}), -6)`)
await hot.execute({
  text: `INSERT INTO "User" ("id", "username", "email", "status", "updatedAt") SELECT 'u' || i, 'user' || ${pad('i')}, 'user' || i || '@example.com', 'ACTIVE', ? FROM (${rows.text}) AS n`,
  values: [now, ...rows.values],
})
await hot.execute(sql`INSERT INTO "Group" ("id", "name") SELECT 'g' || i, 'group' || i FROM (${database === 'postgres' ? sql`SELECT generate_series(0, 9) AS i` : sql`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9) SELECT i FROM n`}) AS n`)
await hot.execute({ text: `INSERT INTO "_GroupToUser" ("A", "B") SELECT 'g' || (i % 10), 'u' || i FROM (${rows.text}) AS n`, values: rows.values })
await hot.execute({
  text: `INSERT INTO "Token" ("id", "serial", "userId", "status", "secretCiphertext", "secretKeyId", "updatedAt") SELECT 't' || i, 'TP' || i, 'u' || i, 'ACTIVE', 'sealed', 'k1', ? FROM (${rows.text}) AS n WHERE i % 3 = 0`,
  values: [now, ...rows.values],
})
await hot.execute({
  text: `INSERT INTO "EnrollmentInvitation" ("id", "userId", "tokenHash", "expiresAt") SELECT 'i' || i, 'u' || i, 'h' || i, ? FROM (${rows.text}) AS n WHERE i % 3 = 1`,
  values: [later, ...rows.values],
})
await hot.execute(sql`ANALYZE`)
console.log(`${database}: seeded ${users} users (a third enrolled, a third invited, a third never invited; 10 groups) in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
const deep = `user${String(Math.floor(users * 0.8)).padStart(6, '0')}`
const filters = {
  'all users': {},
  enrolled: { state: 'enrolled' },
  invited: { state: 'invited' },
  pending: { state: 'pending' },
  'never invited': { state: 'never-invited' },
  locked: { state: 'locked' },
  disabled: { state: 'disabled' },
  'group5': { group: 'group5' },
  'pending in group5': { state: 'pending', group: 'group5' },
} as const
for (let i = 0; i < 3; i++) await listUserPage({ filter: {} }) // warm-up
const all: number[] = []
for (const [name, filter] of Object.entries(filters)) {
  for (const [where, after] of [['page 1', undefined], ['deep page', deep]] as const) {
    const times: number[] = []
    let matching = 0
    for (let r = 0; r < runs; r++) {
      const began = performance.now()
      matching = (await listUserPage({ filter, after })).matching
      times.push(performance.now() - began)
    }
    times.sort((a, b) => a - b)
    all.push(...times)
    console.log(`${`${name}, ${where}`.padEnd(30)} p50 ${pct(times, 50).toFixed(1).padStart(7)} ms   p95 ${pct(times, 95).toFixed(1).padStart(7)} ms   (${matching} match)`)
  }
}
all.sort((a, b) => a - b)
console.log(`every filter and page           p50 ${pct(all, 50).toFixed(1).padStart(7)} ms   p95 ${pct(all, 95).toFixed(1).padStart(7)} ms   over ${users} users (goal: p95 ≤ 300 ms)`)

const began = performance.now()
const job = await startInvitationJob({ selection: { kind: 'filter', filter: { state: 'never-invited' } }, actor: CLI_ACTOR })
console.log(`start a bulk invitation of everyone never invited: ${job.total} users in ${((performance.now() - began) / 1000).toFixed(2)} s`)
await disconnectDb()
cleanup()
