import { afterAll, describe, expect, it } from 'vitest'
import { dumpDatabase, setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { disconnectDb, getDb } from '@/lib/db'
import { base32ToBytes, generateOtp } from '@/lib/otp'
import { setTokenPin, verifyPin } from '@/lib/pins'
import { addUser } from '@/lib/users'
import { createSoftwareToken } from './create-software-token'
import { readTokenSecret } from './read-token-secret'

const { file } = setUpTempDatabase()
afterAll(() => disconnectDb())

const dump = () => dumpDatabase({ file })

describe('secrets at rest', () => {
  it('a token written through lib holds no plaintext seed, and the PIN only as a keyed hash', async () => {
    const user = await addUser({ input: { username: 'dump-test', email: 'dump@example.com' }, actor: CLI_ACTOR })
    const token = await createSoftwareToken({ userId: user.id })
    const pin = '90817263'
    await setTokenPin({ tokenId: token.id, pin })
    const bytes = await dump()
    const raw = Buffer.from(base32ToBytes(token.secret))
    expect(bytes.includes(Buffer.from(token.secret))).toBe(false) // base32 form
    expect(bytes.includes(Buffer.from(token.secret.toLowerCase()))).toBe(false)
    expect(bytes.includes(raw)).toBe(false) // raw seed bytes
    expect(bytes.includes(Buffer.from(raw.toString('hex')))).toBe(false)
    expect(bytes.includes(Buffer.from(raw.toString('base64')))).toBe(false)
    expect(bytes.includes(Buffer.from(pin))).toBe(false)
    // The row is there, though: the test would be vacuous otherwise.
    expect(bytes.includes(Buffer.from(token.serial))).toBe(true)

    const row = await getDb().token.findUniqueOrThrow({ where: { id: token.id } })
    expect(row.status).toBe('PENDING')
    expect(row.pinHash).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(verifyPin({ tokenId: token.id, pin, pinHash: row.pinHash! })).toBe(true)
    expect(verifyPin({ tokenId: token.id, pin: '90817264', pinHash: row.pinHash! })).toBe(false)

    // And the sealed seed still opens to the same secret, giving the same codes.
    const opened = readTokenSecret({ token: row })
    expect(opened).toBe(token.secret)
    const at = { type: 'TOTP', algorithm: 'SHA1', digits: 6, period: 30, timestamp: 1_700_000_000_000 } as const
    expect(await generateOtp({ ...at, secret: opened })).toBe(await generateOtp({ ...at, secret: token.secret }))
  })

  it('a seed moved onto another row does not open', async () => {
    const user = await getDb().user.findFirstOrThrow()
    const a = await createSoftwareToken({ userId: user.id })
    const b = await createSoftwareToken({ userId: user.id })
    const rowA = await getDb().token.findUniqueOrThrow({ where: { id: a.id } })
    const rowB = await getDb().token.findUniqueOrThrow({ where: { id: b.id } })
    expect(() => readTokenSecret({ token: { ...rowB, secretCiphertext: rowA.secretCiphertext } })).toThrow()
  })
})
