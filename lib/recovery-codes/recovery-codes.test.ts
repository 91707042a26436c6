import { afterAll, describe, expect, it } from 'vitest'
import { dumpDatabase, setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { signInWithRecoveryCode } from '@/lib/auth'
import { disconnectDb, getDb } from '@/lib/db'
import { addUser } from '@/lib/users'
import { createRecoveryCodes } from './create-recovery-codes'
import { isRecoveryCodeShape, normalizeRecoveryCode } from './recovery-code'
import { spendRecoveryCode } from './spend-recovery-code'

const { file } = setUpTempDatabase()
afterAll(() => disconnectDb())

const context = { ip: '203.0.113.30' }

describe('recovery codes', () => {
  it('are ten, shown once, stored only as keyed hashes, each usable once, and a new batch voids the old', async () => {
    const user = await addUser({ input: { username: 'rc', email: 'rc@example.com' }, actor: CLI_ACTOR })
    const codes = await createRecoveryCodes({ user: { ...user, displayName: null }, actor: CLI_ACTOR })
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$/)
    const dump = await dumpDatabase({ file })
    expect(codes.some((c) => dump.includes(Buffer.from(normalizeRecoveryCode(c))))).toBe(false)

    expect(await spendRecoveryCode({ userId: user.id, typed: codes[0]!.toLowerCase().replace(/-/g, ' ') })).toEqual({ remaining: 9 })
    expect(await spendRecoveryCode({ userId: user.id, typed: codes[0]! })).toBeNull()
    // Two requests with the same code: one wins.
    const both = await Promise.all([spendRecoveryCode({ userId: user.id, typed: codes[1]! }), spendRecoveryCode({ userId: user.id, typed: codes[1]! })])
    expect(both.filter(Boolean)).toHaveLength(1)

    const fresh = await createRecoveryCodes({ user: { ...user, displayName: null }, actor: CLI_ACTOR })
    expect(await spendRecoveryCode({ userId: user.id, typed: codes[2]! })).toBeNull()
    expect(await spendRecoveryCode({ userId: user.id, typed: fresh[0]! })).toEqual({ remaining: 9 })
    expect(isRecoveryCodeShape('ABCD-EFGH-JKMN')).toBe(true)
    expect(isRecoveryCodeShape('ABCD-EFGH-JKM0')).toBe(false)
    expect(isRecoveryCodeShape('ABCDEFGHJK')).toBe(false) // a temporary passcode's shape
  })

  it('sign in for a limited session, once each, and the user hears of it', async () => {
    const user = await addUser({ input: { username: 'rc2', email: 'rc2@example.com' }, actor: CLI_ACTOR })
    const [code] = await createRecoveryCodes({ user: { ...user, displayName: null }, actor: CLI_ACTOR })
    const first = await signInWithRecoveryCode({ username: 'RC2', code: code!, context })
    expect(first).toMatchObject({ ok: true })
    const session = await getDb().userSession.findUniqueOrThrow({ where: { id: (first as { sessionId: string }).sessionId } })
    expect(session).toMatchObject({ kind: 'LIMITED', method: 'recovery-code' })
    expect(await signInWithRecoveryCode({ username: 'rc2', code: code!, context })).toMatchObject({ ok: false, message: expect.stringContaining('each recovery code works once') })
    expect(await signInWithRecoveryCode({ username: 'nobody', code: code!, context })).toMatchObject({ ok: false, message: expect.stringContaining('each recovery code works once') })
    expect(await getDb().outboxMessage.count({ where: { to: 'rc2@example.com', template: 'recovery-codes-changed' } })).toBe(2)
  })
})
