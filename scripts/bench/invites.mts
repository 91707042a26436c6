// npm run bench:invites -- --users 10000
// Creates N users in a fresh SQLite database, invites them all (as
// `portal invite --all-pending` does), and delivers the outbox to a local SMTP
// sink, timing until the sink has every message. Goal: 10,000 in ≤ 60 s.
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { setUpTempDatabase } from '../../test/temp-database'

const { values } = parseArgs({ options: { users: { type: 'string', default: '10000' }, workers: { type: 'string', default: '1' } } })
const users = Number(values.users)
const workers = Number(values.workers)
if (!Number.isInteger(users) || users < 1 || !Number.isInteger(workers) || workers < 1) {
  console.error('usage: npm run bench:invites -- [--users N] [--workers N]')
  process.exit(1)
}

setUpTempDatabase()
let received = 0
let allReceived: () => void = () => {}
const done = new Promise<void>((resolve) => (allReceived = resolve))
const sink = fork(fileURLToPath(new URL('./smtp-sink-process.mts', import.meta.url)), { execArgv: ['--import', 'tsx'] })
const port = await new Promise<number>((resolve) =>
  sink.on('message', (m: { port?: number; received?: number }) => {
    if (m.port) resolve(m.port)
    if (m.received) received = m.received
    if (received === users) allReceived()
  }),
)
const sinkUrl = `smtp://127.0.0.1:${port}`
process.env.SMTP_URL = sinkUrl

// Loaded after the environment is set: getConfig() reads it once.
const { CLI_ACTOR } = await import('../../lib/audit')
const { getDb, disconnectDb } = await import('../../lib/db')
const { inviteUsers } = await import('../../lib/enrollment')
const { createSmtpTransport, deliverOutbox } = await import('../../lib/mail')

const db = getDb()
for (let i = 0; i < users; i += 1000) {
  await db.user.createMany({
    data: Array.from({ length: Math.min(1000, users - i) }, (_, j) => ({ username: `bench${i + j}`, email: `bench${i + j}@example.com` })),
  })
}

const t0 = performance.now()
const invited = await inviteUsers({ allPending: true, actor: CLI_ACTOR })
const t1 = performance.now()

const drain = async () => {
  const transport = createSmtpTransport({ smtpUrl: sinkUrl })
  try {
    while (received < users) {
      // Like the real worker: when another worker holds everything due, wait a moment.
      if ((await deliverOutbox({ transport, batchSize: 200 })).claimed === 0) await new Promise((r) => setTimeout(r, 50))
    }
  } finally {
    transport.close()
  }
}
await Promise.all([...Array.from({ length: workers }, drain), done])
const t2 = performance.now()

const seconds = (ms: number) => (ms / 1000).toFixed(1)
console.log(`users                 ${users}`)
console.log(`invitations created   ${invited.length} in ${seconds(t1 - t0)} s (${Math.round(invited.length / ((t1 - t0) / 1000))}/s)`)
console.log(`mail delivered        ${received} in ${seconds(t2 - t1)} s (${Math.round(received / ((t2 - t1) / 1000))} messages/s, ${workers} worker(s))`)
console.log(`total                 ${seconds(t2 - t0)} s  (goal for 10,000: ≤ 60 s)`)
await disconnectDb()
sink.disconnect()
