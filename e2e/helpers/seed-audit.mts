// Test set-up only: a run of older audit events about one user, enough to
// page through (the log only grows by what people do, a row at a time):
// every other one about the user's first token, as validations are.
// Run with the server's environment: node --conditions=react-server --import tsx e2e/helpers/seed-audit.mts <username> <count>
const [username, count] = process.argv.slice(2)
const { auditEventData } = await import('../../lib/audit')
const { disconnectDb, getDb } = await import('../../lib/db')

const user = await getDb().user.findUniqueOrThrow({ where: { username: username! }, include: { tokens: { take: 1 } } })
const token = user.tokens[0]
const start = Date.now() - 86_400_000 // yesterday, a minute apart: older than whatever the test does next
await getDb().auditEvent.createMany({
  data: Array.from({ length: Number(count) }, (_, i) => ({
    ...auditEventData({ action: 'e2e.filler', actor: { type: 'SYSTEM', label: 'system' }, subject: i % 2 && token ? { type: 'token', id: token.id, label: token.serial } : { type: 'user', id: user.id, label: user.username }, details: { n: i } }),
    at: new Date(start + i * 60_000),
  })),
})
await disconnectDb()
