// Test set-up only: an active token with a known secret and PIN, as a
// finished enrollment leaves it, for API tests that are not about enrolling.
// Run with the server's environment: node --conditions=react-server --import tsx e2e/helpers/seed-token.mts <username> <pin> [TOTP|HOTP]
const [username, pin, type = 'TOTP'] = process.argv.slice(2)
const { CLI_ACTOR } = await import('../../lib/audit')
const { disconnectDb, getDb } = await import('../../lib/db')
const { setTokenPin } = await import('../../lib/pins')
const { createSoftwareToken } = await import('../../lib/tokens')
const { addUser } = await import('../../lib/users')

const user = await addUser({ input: { username: username!, email: `${username}@example.com` }, actor: CLI_ACTOR })
const token = await createSoftwareToken({ userId: user.id, type: type as 'TOTP' | 'HOTP' })
await getDb().token.update({ where: { id: token.id }, data: { status: 'ACTIVE', activatedAt: new Date(), name: `${username}-${token.serial}` } })
await setTokenPin({ tokenId: token.id, pin: pin! })
process.stdout.write(JSON.stringify({ userId: user.id, tokenId: token.id, serial: token.serial, secret: token.secret }))
await disconnectDb()
