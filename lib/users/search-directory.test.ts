import { afterAll, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { disconnectDb, getDb } from '@/lib/db'
import { createSoftwareToken } from '@/lib/tokens'
import { addUser } from './add-user'
import { searchDirectory } from './search-directory'

setUpTempDatabase()
afterAll(() => disconnectDb())

const person = (username: string, email = `${username}@example.com`) => addUser({ input: { username, email, displayName: `Person ${username}` }, actor: CLI_ACTOR })

describe('searchDirectory', () => {
  it('finds people by a prefix of their username or email, however it is typed, username matches first', async () => {
    const jdoe = await person('jdoe', 'jane.doe@example.com')
    const jdoe2 = await person('jdoe2', 'other@example.com')
    await person('jdo', 'xjdoe@example.com')
    await person('ann', 'jdoe.assistant@example.com')

    expect((await searchDirectory({ query: '  JDoe ' })).map((e) => [e.username, e.matchedBy])).toEqual([
      ['jdoe', 'username'],
      ['jdoe2', 'username'],
      ['ann', 'email'],
    ])
    expect((await searchDirectory({ query: 'JANE.D' })).map((e) => e.id)).toEqual([jdoe.id])
    expect((await searchDirectory({ query: 'jdoe2' })).map((e) => e.id)).toEqual([jdoe2.id])
    // A prefix, never a substring.
    expect(await searchDirectory({ query: 'doe' })).toEqual([])
  })

  it('finds the owner of a token by its serial, read aloud with spaces and in any case', async () => {
    const owner = await person('serial-owner')
    const token = await createSoftwareToken({ userId: owner.id })
    await getDb().token.update({ where: { id: token.id }, data: { status: 'ACTIVE', name: 'my phone' } })
    const spoken = `${token.serial.slice(0, 4)} ${token.serial.slice(4)}`.toLowerCase()
    const [entry] = await searchDirectory({ query: spoken })
    expect(entry).toMatchObject({ username: 'serial-owner', matchedBy: 'serial' })
    expect(entry!.tokens).toEqual([expect.objectContaining({ serial: token.serial, status: 'ACTIVE', type: 'TOTP', name: 'my phone', lockedAt: null })])
    expect(await searchDirectory({ query: token.serial.slice(0, 3) })).toEqual([]) // too short to mean a serial
  })

  it('returns nothing for an empty or unmatched query, and bounds the results', async () => {
    for (let i = 0; i < 30; i++) await person(`bulk${String(i).padStart(2, '0')}`)
    expect(await searchDirectory({ query: '   ' })).toEqual([])
    expect(await searchDirectory({ query: 'zzz-nobody' })).toEqual([])
    expect(await searchDirectory({ query: "'; DROP TABLE \"User\"; --" })).toEqual([])
    const page = await searchDirectory({ query: 'bulk', limit: 10 })
    expect(page.map((e) => e.username)).toEqual(Array.from({ length: 10 }, (_, i) => `bulk${String(i).padStart(2, '0')}`))
    expect(await searchDirectory({ query: 'bulk', limit: 500 })).toHaveLength(30)
  })
})
