// npm run bench:import -- [--users 100000] [--db sqlite|postgres]
// The user import (lib/users/importUsers, what `portal user import` and
// /admin/users/import call) of a generated CSV of N users in 20 groups
// (names with commas, quoted), into a fresh database: times the check alone
// (parse + validate + database lookups, a dry run), then the import, then a
// re-import of the same file with one user in ten renamed (updated, the rest
// unchanged). Goal: the import of 100,000 users ≤ 30 s on the 2-core machine.
import { parseArgs } from 'node:util'
import { benchDatabase, prepareBenchDatabase } from './bench-server.mjs'

const { values } = parseArgs({ options: { users: { type: 'string', default: '100000' }, db: { type: 'string' } } })
const users = Number(values.users)
if (!Number.isInteger(users) || users < 1) {
  console.error('usage: npm run bench:import -- [--users N] [--db sqlite|postgres]')
  process.exit(1)
}
const database = benchDatabase(values.db)
const { cleanup } = prepareBenchDatabase({ db: database })
const { CLI_ACTOR } = await import('../../lib/audit')
const { disconnectDb, getDb } = await import('../../lib/db')
const { importUsers } = await import('../../lib/users')

const csv = (renamed: boolean) =>
  Buffer.from(
    [
      'username,email,name,groups',
      ...Array.from({ length: users }, (_, i) => `user${i},user${i}@example.com,"${renamed && i % 10 === 0 ? 'Renamed' : 'Person'} ${i}, Dept ${i % 20}",all|dept-${i % 20}`),
    ].join('\n'),
  )
const file = csv(false)
const again = csv(true)
console.log(`${database}: generated a CSV of ${users} users (${(file.length / 1024 / 1024).toFixed(1)} MB)`)

async function timed(label: string, content: Buffer, dryRun = false) {
  const began = performance.now()
  const result = await importUsers({ content, source: 'bench.csv', options: { dryRun }, actor: CLI_ACTOR })
  const seconds = (performance.now() - began) / 1000
  const rate = Math.round(users / seconds)
  console.log(
    `${label.padEnd(34)} ${seconds.toFixed(1).padStart(6)} s  ${String(rate).padStart(7)} rows/s  (added ${result.added}, updated ${result.updated}, unchanged ${result.unchanged}, refused ${result.refused})`,
  )
  if (result.refused) throw new Error('the generated file has bad rows')
  return seconds
}

await timed('check only (parse, validate, lookups)', file, true)
const total = await timed('import into the empty database', file)
await timed('re-import, 1 in 10 renamed', again)
const count = await getDb().user.count()
if (count !== users) throw new Error(`expected ${users} users, found ${count}`)
console.log(`import of ${users} users: ${total.toFixed(1)} s (goal: ≤ 30 s for 100,000)`)
await disconnectDb()
cleanup()
