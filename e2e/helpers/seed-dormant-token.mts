// Test set-up only: a user with an active token whose history lies in the
// past, as if a year had gone by (the server's clock cannot be moved).
// Run with a server's environment:
//   node --conditions=react-server --import tsx e2e/helpers/seed-dormant-token.mts <username> <days since last use> [<days since the warning>]
const [username, unusedDays, warnedDays] = process.argv.slice(2)
const { CLI_ACTOR } = await import('../../lib/audit')
const { disconnectDb, getDb } = await import('../../lib/db')
const { createSoftwareToken } = await import('../../lib/tokens')
const { addUser } = await import('../../lib/users')

const ago = (days: number) => new Date(Date.now() - days * 86_400_000)
const user = await addUser({ input: { username: username!, email: `${username}@example.com`, displayName: `Owner ${username}` }, actor: CLI_ACTOR })
const token = await createSoftwareToken({ userId: user.id, type: 'TOTP' })
const long = ago(Number(unusedDays) + 30)
await getDb().token.update({
  where: { id: token.id },
  data: { status: 'ACTIVE', name: `${username}-${token.serial}`, activatedAt: long, statusChangedAt: long, lastUsedAt: ago(Number(unusedDays)), dormantWarnedAt: warnedDays ? ago(Number(warnedDays)) : null },
})
process.stdout.write(JSON.stringify({ userId: user.id, tokenId: token.id, serial: token.serial, email: user.email }))
await disconnectDb()
