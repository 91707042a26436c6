// npm run bench:search -- [--tokens 1000000] [--queries 2000] [--db sqlite|postgres]
// The helpdesk's "find a user" (lib/users/searchDirectory, the function the
// page /staff/users calls) over a directory of N tokens (N/2 people with two
// tokens each: one active, one revoked), in a fresh database. Times each
// query alone, by kind (username prefix, full username, email prefix, name
// prefix, spoken serial, a later page, no match), and prints p50/p95.
// Goal: p95 ≤ 50 ms over 1,000,000 tokens.
import { parseArgs } from 'node:util'
import { benchDatabase, prepareBenchDatabase } from './bench-server.mjs'

const { values } = parseArgs({ options: { tokens: { type: 'string', default: '1000000' }, queries: { type: 'string', default: '2000' }, db: { type: 'string' } } })
const tokens = Number(values.tokens)
const queries = Number(values.queries)
if (![tokens, queries].every((v) => Number.isInteger(v) && v >= 2)) {
  console.error('usage: npm run bench:search -- [--tokens N] [--queries N] [--db sqlite|postgres]')
  process.exit(1)
}
const database = benchDatabase(values.db)
const { cleanup } = prepareBenchDatabase({ db: database })
const { disconnectDb, getHotSql, sql } = await import('../../lib/db')
const { searchDirectory } = await import('../../lib/users')

// Seeded in SQL, not through lib: a million rows one by one would take longer
// than the benchmark. Serials are a bijection of the row number (7919 is
// prime to 10^8), so they are unique but not in row order, as real ones.
const people = Math.floor(tokens / 2)
const t0 = performance.now()
const now = new Date()
const hot = getHotSql()
const rows = database === 'postgres' ? sql`SELECT generate_series(0, ${people - 1}) AS i` : sql`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${people - 1}) SELECT i FROM n`
const serial = (expr: string) =>
  database === 'postgres' ? `'TP' || lpad(((${expr})::bigint * 7919 % 100000000)::text, 8, '0')` : `'TP' || substr('00000000' || ((${expr}) * 7919 % 100000000), -8)`
await hot.execute(sql`
  INSERT INTO "User" ("id", "username", "email", "displayName", "displayNameKey", "status", "updatedAt")
  SELECT 'u' || i, 'user' || i, 'user' || i || '@example.com', 'Person ' || i, 'person ' || i, 'ACTIVE', ${now} FROM (${rows}) AS n`)
for (const [offset, status] of [
  [0, 'ACTIVE'],
  [people, 'REVOKED'],
] as const) {
  await hot.execute({
    text: `INSERT INTO "Token" ("id", "serial", "userId", "status", "secretCiphertext", "secretKeyId", "updatedAt")
      SELECT 't' || (i + ${offset}), ${serial(`i + ${offset}`)}, 'u' || i, '${status}', 'sealed', 'k1', ? FROM (${rows.text}) AS n`,
    values: [now, ...rows.values],
  })
}
await hot.execute(sql`ANALYZE`)
console.log(`${database}: seeded ${people} people and ${people * 2} tokens in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

// Queries a helpdesk agent types, for people chosen at random.
const pick = () => Math.floor(Math.random() * people)
const serialOf = (i: number) => `TP${String((i * 7919) % 100_000_000).padStart(8, '0')}`
const kinds: Record<string, () => string | { query: string; page: number }> = {
  'username prefix': () => `user${pick()}`.slice(0, 6 + Math.floor(Math.random() * 3)),
  'full username': () => `user${pick()}`,
  'email prefix': () => `user${pick()}@ex`,
  'name prefix': () => `Person ${pick()}`.slice(0, 8 + Math.floor(Math.random() * 3)),
  'serial, spoken': () => {
    const s = serialOf(pick()).toLowerCase()
    return `${s.slice(0, 4)} ${s.slice(4, 7)} ${s.slice(7)}`
  },
  'page 5 of a prefix': () => ({ query: `user${pick()}`.slice(0, 6), page: 5 }),
  'no match': () => `nobody${pick()}`,
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
for (let i = 0; i < 50; i++) await searchDirectory({ query: `user${pick()}` }) // warm-up
const all: number[] = []
for (const [kind, make] of Object.entries(kinds)) {
  const times: number[] = []
  let found = 0
  for (let i = 0; i < Math.ceil(queries / Object.keys(kinds).length); i++) {
    const made = make()
    const began = performance.now()
    const results = await searchDirectory(typeof made === 'string' ? { query: made } : made)
    times.push(performance.now() - began)
    if (results.entries.length) found++
  }
  times.sort((a, b) => a - b)
  all.push(...times)
  console.log(`${kind.padEnd(18)} p50 ${pct(times, 50).toFixed(2).padStart(7)} ms   p95 ${pct(times, 95).toFixed(2).padStart(7)} ms   (${times.length} queries, ${found} with results)`)
}
all.sort((a, b) => a - b)
console.log(`all kinds          p50 ${pct(all, 50).toFixed(2).padStart(7)} ms   p95 ${pct(all, 95).toFixed(2).padStart(7)} ms   over ${people * 2} tokens (goal: p95 ≤ 50 ms)`)
await disconnectDb()
cleanup()
