// npm run bench:dashboard -- [--users 100000] [--audit-rows 10000000] [--runs 10] [--db sqlite|postgres] [--keep copy.db]
// The admin dashboard's data (lib/dashboard getDashboard, everything the page
// /admin reads) over a fresh database of N users, their invitations at every
// step of the funnel, their tokens in every state, and M audit events spread
// over 400 days (the default audit retention) with the validation API's mix of
// actions. Seeded in batched INSERT … SELECT statements, not through lib: ten
// million rows one by one would take hours. Prints how long seeding took,
// then the first (cold) read and p50/p95 of the next runs, whole and per query.
// Goal: p95 ≤ 300 ms on SQLite at 100,000 users and 10,000,000 audit rows.
import { parseArgs } from 'node:util'
import { benchDatabase, prepareBenchDatabase } from './bench-server.mjs'

const { values } = parseArgs({
  options: { users: { type: 'string', default: '100000' }, 'audit-rows': { type: 'string', default: '10000000' }, runs: { type: 'string', default: '10' }, db: { type: 'string' }, keep: { type: 'string' } },
})
const users = Number(values.users)
const auditRows = Number(values['audit-rows'])
const runs = Number(values.runs)
if (![users, auditRows, runs].every((v) => Number.isInteger(v) && v >= 1)) {
  console.error('usage: npm run bench:dashboard -- [--users N] [--audit-rows N] [--runs N] [--db sqlite|postgres]')
  process.exit(1)
}
const database = benchDatabase(values.db)
const pg = database === 'postgres'
const { cleanup } = prepareBenchDatabase({ db: database })
const { disconnectDb, getHotSql } = await import('../../lib/db')
const { countEnrollmentFunnel, countTokens, countValidationsByDay, getDashboard } = await import('../../lib/dashboard')

const hot = getHotSql()
const now = new Date()
const nowSeconds = Math.floor(now.getTime() / 1000)
const DAY = 86_400
/** Integers from..to (inclusive) as a row source `n(i)`. */
const range = (from: number, to: number) =>
  pg ? `SELECT generate_series(${from}, ${to}) AS i` : `WITH RECURSIVE r(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM r WHERE i < ${to}) SELECT i FROM r`
/** A UTC timestamp `secondsAgo` (an SQL expression) before now, in each database's stored form. */
const ago = (secondsAgo: string) =>
  pg ? `(to_timestamp(${nowSeconds} - (${secondsAgo})) AT TIME ZONE 'UTC')` : `(strftime('%Y-%m-%dT%H:%M:%S', ${nowSeconds} - (${secondsAgo}), 'unixepoch') || '.000+00:00')`
const rand = (below: number) => (pg ? `floor(random() * ${below})::bigint` : `(abs(random()) % ${below})`)
const run = (text: string) => hot.execute({ text, values: [] })

const t0 = performance.now()
// People: one in ten never invited. The invited spread over the funnel by
// their number: 85 % opened, 75 % started, 70 % verified, 65 % enrolled.
await run(`INSERT INTO "User" ("id", "username", "email", "displayName", "displayNameKey", "status", "createdAt", "updatedAt")
  SELECT 'u' || i, 'user' || i, 'user' || i || '@example.com', 'Person ' || i, 'person ' || i, CASE WHEN i % 50 = 0 THEN 'DISABLED' ELSE 'ACTIVE' END, ${ago(`200 * ${DAY}`)}, ${ago('0')} FROM (${range(0, users - 1)}) AS n`)
await run(`INSERT INTO "EnrollmentInvitation" ("id", "userId", "tokenHash", "expiresAt", "createdAt", "openedAt", "browserHash", "usedAt")
  SELECT 'inv' || i, 'u' || i, 'hash' || i, ${ago(`-7 * ${DAY}`)}, ${ago(`(i % 180) * ${DAY}`)},
    CASE WHEN i % 20 < 17 THEN ${ago(`(i % 180) * ${DAY} - 3600`)} END,
    CASE WHEN i % 20 < 15 THEN 'browser' || i END,
    CASE WHEN i % 20 < 13 THEN ${ago(`(i % 180) * ${DAY} - 7200`)} END
  FROM (${range(0, users - 1)}) AS n WHERE i % 10 <> 0`)
// Tokens: enrolled people's active ones (PINs set up to 120 days ago, so
// some are due and some expired under the 90-day default; one in 500
// locked), pending ones of those who started, and older tokens revoked,
// lost or disabled, plus hardware stock.
await run(`INSERT INTO "Token" ("id", "serial", "userId", "status", "secretCiphertext", "secretKeyId", "invitationId", "verifiedAt", "activatedAt", "pinHash", "pinSetAt", "lockedAt", "lockedUntil", "createdAt", "updatedAt")
  SELECT 't' || i, 'TP' || i, 'u' || i, CASE WHEN i % 20 < 13 THEN 'ACTIVE' ELSE 'PENDING' END, 'sealed', 'k1', 'inv' || i,
    CASE WHEN i % 20 < 14 THEN ${ago('7000')} END,
    CASE WHEN i % 20 < 13 THEN ${ago('7000')} END,
    CASE WHEN i % 20 < 13 THEN 'pin' END,
    CASE WHEN i % 20 < 13 THEN ${ago(`${rand(120 * DAY)}`)} END,
    CASE WHEN i % 20 < 13 AND i % 500 = 1 THEN ${ago('60')} END,
    CASE WHEN i % 20 < 13 AND i % 1000 = 1 THEN ${ago('-600')} END,
    ${ago('7000')}, ${ago('0')}
  FROM (${range(0, users - 1)}) AS n WHERE i % 10 <> 0 AND i % 20 < 15`)
await run(`INSERT INTO "Token" ("id", "serial", "userId", "status", "secretCiphertext", "secretKeyId", "createdAt", "updatedAt")
  SELECT 'x' || i, 'TX' || i, CASE WHEN i % 7 = 6 THEN NULL ELSE 'u' || i END, CASE i % 7 WHEN 0 THEN 'REVOKED' WHEN 1 THEN 'REVOKED' WHEN 2 THEN 'LOST' WHEN 3 THEN 'DISABLED' WHEN 4 THEN 'REVOKED' WHEN 5 THEN 'LOST' ELSE 'INVENTORY' END,
    'sealed', 'k1', ${ago(`300 * ${DAY}`)}, ${ago('0')}
  FROM (${range(0, Math.floor(users / 5))}) AS n`)
const tPeople = performance.now()
console.log(`${database}: seeded ${users} users, their invitations and tokens in ${((tPeople - t0) / 1000).toFixed(1)} s`)

// Audit events at random times over 400 days, with the validation API's mix:
// 72 % accepted, 1 % excluded, 15 % rejected, 0.5 % locks, the rest other
// events (invitations, enrollments, staff sign-ins).
const action = `CASE WHEN a < 720 THEN 'validate.accepted' WHEN a < 730 THEN 'validate.excluded' WHEN a < 880 THEN 'validate.rejected' WHEN a < 885 THEN 'token.locked'
  WHEN a < 920 THEN 'invitation.sent' WHEN a < 950 THEN 'invitation.opened' WHEN a < 975 THEN 'token.activated' WHEN a < 990 THEN 'pin.changed' ELSE 'staff.signed-in' END`
// The audit log's indexes are dropped while it fills and built again after:
// rows at random times would otherwise land all over each index's B-tree,
// a page-cache miss per row (hours for ten million); building an index
// afterwards is one sort.
const auditIndexes = pg
  ? await hot.query<{ name: string; sql: string }>({ text: `SELECT indexname AS name, indexdef AS sql FROM pg_indexes WHERE tablename = 'AuditEvent' AND indexname NOT LIKE '%_pkey'`, values: [] })
  : await hot.query<{ name: string; sql: string }>({ text: `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'AuditEvent' AND sql IS NOT NULL`, values: [] })
for (const index of auditIndexes) await run(`DROP INDEX "${index.name}"`)
const BATCH = 500_000
for (let from = 0; from < auditRows; from += BATCH) {
  const to = Math.min(from + BATCH, auditRows) - 1
  await run(`INSERT INTO "AuditEvent" ("id", "at", "action", "actorType", "actorId", "actorLabel", "subjectType", "subjectId", "subjectLabel", "ip", "details")
    SELECT 'a' || i, ${ago(rand(400 * DAY))}, ${action}, CASE WHEN a < 885 THEN 'API_CLIENT' WHEN a < 990 THEN 'USER' ELSE 'STAFF' END, 'c' || (i % 3), 'vpn-gw' || (i % 3),
      'user', 'u' || (i % ${users}), 'user' || (i % ${users}), '198.51.100.' || (i % 250), '{"reason":"token","client":"vpn-gw1"}'
    FROM (SELECT i, (i * 7919) % 1000 AS a FROM (${range(from, to)}) AS r) AS n`)
  const done = to + 1
  if (done % 2_000_000 === 0 || done === auditRows) console.log(`  ${done.toLocaleString('en')} audit rows after ${((performance.now() - tPeople) / 1000).toFixed(0)} s`)
}
const tIndexes = performance.now()
for (const index of auditIndexes) await run(index.sql)
console.log(`  ${auditIndexes.length} audit indexes built again in ${((performance.now() - tIndexes) / 1000).toFixed(1)} s`)
await run('ANALYZE')
const seeded = (performance.now() - t0) / 1000
console.log(`${database}: seeded ${auditRows.toLocaleString('en')} audit events in ${((performance.now() - tPeople) / 1000).toFixed(1)} s (all seeding ${seeded.toFixed(1)} s)`)

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
async function time(label: string, work: () => Promise<unknown>) {
  const began = performance.now()
  await work()
  const cold = performance.now() - began
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await work()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  console.log(`${label.padEnd(24)} first ${cold.toFixed(1).padStart(7)} ms   p50 ${pct(times, 50).toFixed(1).padStart(7)} ms   p95 ${pct(times, 95).toFixed(1).padStart(7)} ms   (${runs} runs)`)
  return times
}
await time('enrollment funnel', countEnrollmentFunnel)
await time('tokens, locks, PINs due', () => countTokens({ pinMaxAgeDays: 90, now }))
await time('validations by day', () => countValidationsByDay({ now }))
const whole = await time('getDashboard (the page)', () => getDashboard({ now }))
const dash = await getDashboard({ now })
console.log(`figures: funnel ${JSON.stringify(dash.funnel)}; tokens ${JSON.stringify(dash.tokens.byState)}; locked ${dash.tokens.lockedNow}; PINs due ${dash.tokens.pinsDue}`)
console.log(`         validations today ${JSON.stringify(dash.validations.at(-1))}, 30 days: ${dash.validations.reduce((s, d) => s + d.accepted + d.rejected, 0).toLocaleString('en')}`)
console.log(`getDashboard p95 ${pct(whole, 95).toFixed(1)} ms over ${users.toLocaleString('en')} users and ${auditRows.toLocaleString('en')} audit rows (goal: ≤ 300 ms on SQLite)`)
await disconnectDb()
if (values.keep && !pg) {
  // For EXPLAIN QUERY PLAN and the like afterwards: a copy of the seeded file.
  const { copyFileSync } = await import('node:fs')
  const { sqliteFilePath } = await import('../../lib/db/database-url')
  copyFileSync(sqliteFilePath(process.env.DATABASE_URL!), values.keep)
  console.log(`kept a copy of the database at ${values.keep}`)
}
cleanup()
