import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { disconnectDb, getDb, getHotSql, type Sql } from '@/lib/db'
import { generateOtp } from '@/lib/otp'
import { setTokenPin } from '@/lib/pins'
import { createSoftwareToken } from '@/lib/tokens'
import { addUser } from '@/lib/users'
import { validatePasscode } from './validate-passcode'

// Timing must not tell who exists: an unknown or disabled user, a user
// without a usable token, a wrong PIN and a wrong code all run the same
// statements and the same hashing. Counted here rather than timed (tests
// never assert wall-clock times; npm run bench:validate measures speed).
const work = vi.hoisted(() => ({ hmacs: 0, decryptions: 0 }))
vi.mock('@/lib/crypto/keyed-hash', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/crypto/keyed-hash')>()
  return {
    ...original,
    keyedHash: (...args: Parameters<typeof original.keyedHash>) => (work.hmacs++, original.keyedHash(...args)),
    verifyKeyedHash: (...args: Parameters<typeof original.verifyKeyedHash>) => (work.hmacs++, original.verifyKeyedHash(...args)),
  }
})
vi.mock('@/lib/otp/generate-otp', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/otp/generate-otp')>()
  return { ...original, hotpCodeAt: (...args: Parameters<typeof original.hotpCodeAt>) => (work.hmacs++, original.hotpCodeAt(...args)) }
})
vi.mock('@/lib/crypto/seal-secret', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/crypto/seal-secret')>()
  return { ...original, openSecret: (...args: Parameters<typeof original.openSecret>) => (work.decryptions++, original.openSecret(...args)) }
})

setUpTempDatabase()
afterAll(() => disconnectDb())

const client = { id: 'client-1', name: 'vpn' }
const context = { ip: '203.0.113.9', userAgent: 'test' }
const now = new Date('2026-11-24T12:00:10Z')

let n = 0
async function person({ status = 'ACTIVE' as 'ACTIVE' | 'DISABLED', token = 'ACTIVE' as 'ACTIVE' | 'LOCKED' | 'NONE' } = {}) {
  const user = await addUser({ input: { username: `w${++n}`, email: `w${n}@example.com` }, actor: CLI_ACTOR })
  if (status !== 'ACTIVE') await getDb().user.update({ where: { id: user.id }, data: { status } })
  const created = await createSoftwareToken({ userId: user.id, type: 'TOTP' })
  if (token !== 'NONE') {
    await getDb().token.update({ where: { id: created.id }, data: { status: 'ACTIVE', activatedAt: now, ...(token === 'LOCKED' ? { lockedAt: now, lockedUntil: new Date(now.getTime() + 900_000) } : {}) } })
    await setTokenPin({ tokenId: created.id, pin: '1827' })
  }
  return { username: user.username, code: generateOtp({ type: 'TOTP', secret: created.secret, timestamp: now.getTime() }) }
}

/** What one validation costs: its hot-path statements (text, in order), keyed hashes and HMACs, decryptions. */
async function measure(username: string, passcode: string) {
  const hot = getHotSql()
  const original = { query: hot.query.bind(hot), execute: hot.execute.bind(hot) }
  const statements: string[] = []
  const query = vi.spyOn(hot, 'query').mockImplementation(((s: Sql) => (statements.push(s.text), original.query(s))) as typeof hot.query)
  const execute = vi.spyOn(hot, 'execute').mockImplementation((s: Sql) => (statements.push(s.text), original.execute(s)))
  work.hmacs = 0
  work.decryptions = 0
  try {
    const outcome = await validatePasscode({ username, passcode, client, context, now })
    return { statements, hmacs: work.hmacs, decryptions: work.decryptions, reason: outcome.reason }
  } finally {
    query.mockRestore()
    execute.mockRestore()
  }
}

describe('validation work', () => {
  beforeAll(async () => {
    // Warm the settings cache and the decoy, as a running server has.
    await validatePasscode({ username: 'warm-up', passcode: '1111123456', client, context, now })
  })

  it('is the same for an unknown user, a disabled one, one without a usable token, a wrong PIN and a wrong code', async () => {
    const wrongCode = await person()
    const wrongPin = await person()
    const disabled = await person({ status: 'DISABLED' })
    const noToken = await person({ token: 'NONE' })
    const locked = await person({ token: 'LOCKED' })
    const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0')

    const costs = {
      'wrong code': await measure(wrongCode.username, `1827${otherCode(wrongCode.code)}`),
      'wrong PIN': await measure(wrongPin.username, `1999${wrongPin.code}`),
      'unknown user': await measure('nobody-here', `1827${wrongCode.code}`),
      'disabled user': await measure(disabled.username, `1827${disabled.code}`),
      'no active token': await measure(noToken.username, `1827${noToken.code}`),
      'locked token': await measure(locked.username, `1827${locked.code}`),
    }
    expect(Object.fromEntries(Object.entries(costs).map(([k, c]) => [k, c.reason]))).toEqual({
      'wrong code': 'wrong-otp',
      'wrong PIN': 'wrong-pin',
      'unknown user': 'unknown-user',
      'disabled user': 'user-disabled',
      'no active token': 'no-active-token',
      'locked token': 'locked',
    })
    const reference = costs['wrong code']
    expect(reference.statements.length).toBeGreaterThanOrEqual(4) // limits, lookup, failure count, audit
    for (const [name, cost] of Object.entries(costs)) {
      expect(cost.statements, name).toEqual(reference.statements)
      expect(Math.abs(cost.hmacs - reference.hmacs), `${name}: ${cost.hmacs} HMACs vs ${reference.hmacs}`).toBeLessThanOrEqual(1)
      expect(cost.decryptions, name).toBe(reference.decryptions)
    }
  })

  it('is the same for a passcode shaped like a temporary one, whether or not the user exists', async () => {
    const known = await person()
    const costs = [await measure(known.username, 'ZZZZZZZZZZ'), await measure('nobody-at-all', 'ZZZZZZZZZZ')]
    expect(costs[1]!.statements).toEqual(costs[0]!.statements)
    expect(costs[0]!.statements.some((s) => s.includes('"TemporaryPasscode"'))).toBe(true)
    expect(Math.abs(costs[1]!.hmacs - costs[0]!.hmacs)).toBeLessThanOrEqual(1)
  })
})
