// Test set-up only: many users at once (the CLI adds one per process).
// Run with the server's environment: node --conditions=react-server --import tsx e2e/helpers/seed-users.mts <prefix> <count>
const [prefix, count] = process.argv.slice(2)
const { CLI_ACTOR } = await import('../../lib/audit')
const { disconnectDb } = await import('../../lib/db')
const { addUser } = await import('../../lib/users')

const usernames: string[] = []
for (let i = 0; i < Number(count); i++) {
  const username = `${prefix}-${i}`
  await addUser({ input: { username, email: `${username}@example.com` }, actor: CLI_ACTOR })
  usernames.push(username)
}
process.stdout.write(JSON.stringify(usernames))
await disconnectDb()
