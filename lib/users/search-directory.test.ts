import { afterAll, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { disconnectDb, getDb } from '@/lib/db'
import { createSoftwareToken } from '@/lib/tokens'
import { addUser } from './add-user'
import { MAX_SEARCH_RESULTS, searchDirectory } from './search-directory'

setUpTempDatabase()
afterAll(() => disconnectDb())

const person = (username: string, email = `${username}@example.com`, displayName = `Person ${username}`) => addUser({ input: { username, email, displayName }, actor: CLI_ACTOR })
// The people of page 1, as [username, what matched].
const found = async (query: string) => (await searchDirectory({ query })).entries.map((e) => [e.username, e.matchedBy])
const usernames = async (query: string, page?: number, pageSize?: number) => (await searchDirectory({ query, page, pageSize })).entries.map((e) => e.username)

describe('searchDirectory', () => {
  it('finds people by a prefix of their username or email, however it is typed, username matches first', async () => {
    const jdoe = await person('jdoe', 'jane.doe@example.com')
    const jdoe2 = await person('jdoe2', 'other@example.com')
    await person('jdo', 'xjdoe@example.com')
    await person('ann', 'jdoe.assistant@example.com')

    expect(await found('  JDoe ')).toEqual([
      ['jdoe', 'username'],
      ['jdoe2', 'username'],
      ['ann', 'email'],
    ])
    expect((await searchDirectory({ query: 'JANE.D' })).entries.map((e) => e.id)).toEqual([jdoe.id])
    expect((await searchDirectory({ query: 'jdoe2' })).entries.map((e) => e.id)).toEqual([jdoe2.id])
    // A prefix, never a substring.
    expect(await found('doe')).toEqual([])
  })

  it('finds people by the start of their display name, in any case and spacing, after username and email matches', async () => {
    await person('zed', 'zed@example.com', 'Émile  Zola')
    await person('emile', 'e.m@example.com', 'Someone Else')
    expect(await found('ÉMILE Z')).toEqual([['zed', 'name']])
    expect(await found('émile  zo')).toEqual([['zed', 'name']])
    expect(await found('emile')).toEqual([['emile', 'username']])
    expect(await found('Émi')).toEqual([['zed', 'name']])
    expect(await found('zola')).toEqual([]) // the start of the name, not a later word
  })

  it('finds the owner of a token by its serial, read aloud with spaces and in any case', async () => {
    const owner = await person('serial-owner')
    const token = await createSoftwareToken({ userId: owner.id })
    await getDb().token.update({ where: { id: token.id }, data: { status: 'ACTIVE', name: 'my phone' } })
    const spoken = `${token.serial.slice(0, 4)} ${token.serial.slice(4)}`.toLowerCase()
    const [entry] = (await searchDirectory({ query: spoken })).entries
    expect(entry).toMatchObject({ username: 'serial-owner', matchedBy: 'serial' })
    expect(entry!.tokens).toEqual([expect.objectContaining({ serial: token.serial, status: 'ACTIVE', type: 'TOTP', name: 'my phone', locked: false, lockedAt: null, lockedUntil: null })])
    expect((await searchDirectory({ query: token.serial.slice(0, 3) })).entries).toEqual([]) // too short to mean a serial

    // A lock in force, and one that has lifted by itself.
    const until = new Date(Date.now() + 600_000)
    await getDb().token.update({ where: { id: token.id }, data: { lockedAt: new Date(), lockedUntil: until } })
    expect((await searchDirectory({ query: spoken })).entries[0]!.tokens[0]).toMatchObject({ locked: true, lockedUntil: until })
    await getDb().token.update({ where: { id: token.id }, data: { lockedUntil: new Date(Date.now() - 1000) } })
    expect((await searchDirectory({ query: spoken })).entries[0]!.tokens[0]).toMatchObject({ locked: false })
    await getDb().token.update({ where: { id: token.id }, data: { lockedAt: null, lockedUntil: null } })

    // Several matching tokens of one person: that person once, and the next owner still on the page.
    const second = await createSoftwareToken({ userId: owner.id })
    const other = await person('serial-other')
    const third = await createSoftwareToken({ userId: other.id })
    const prefix = 'TPZZ'
    for (const [t, serial] of [
      [token, `${prefix}0001`],
      [second, `${prefix}0002`],
      [third, `${prefix}0003`],
    ] as const)
      await getDb().token.update({ where: { id: t.id }, data: { serial } })
    expect(await found('tp zz')).toEqual([
      ['serial-owner', 'serial'],
      ['serial-other', 'serial'],
    ])
    expect(await usernames('tpzz', 1, 1)).toEqual(['serial-owner'])
    expect(await usernames('tpzz', 2, 1)).toEqual(['serial-other'])
  })

  it('returns nothing for an empty, too short or unmatched query', async () => {
    expect(await searchDirectory({ query: '   ' })).toMatchObject({ entries: [], tooShort: false, hasNext: false })
    expect(await searchDirectory({ query: ' J ' })).toMatchObject({ query: 'j', entries: [], tooShort: true })
    expect(await found('zzz-nobody')).toEqual([])
    expect(await found("'; DROP TABLE \"User\"; --")).toEqual([])
  })

  it('pages through the matches, each person once, with a next page only while more remain', async () => {
    const bulk = (i: number) => `bulk${String(i).padStart(2, '0')}`
    // Matched by username, and some also by email or name: still once each, by username.
    for (let i = 0; i < 30; i++) await person(bulk(i), i % 2 ? `bulk-mail-${i}@example.com` : `x${i}@example.com`, i % 3 ? `Bulk ${i}` : `Other ${i}`)
    await person('someone', 'bulk-shared@example.com', 'Bulk Person')
    const first = await searchDirectory({ query: 'BULK' })
    expect(first).toMatchObject({ page: 1, pageSize: 20, hasNext: true, capped: false })
    expect(first.entries.map((e) => e.username)).toEqual(Array.from({ length: 20 }, (_, i) => bulk(i)))
    const second = await searchDirectory({ query: 'bulk', page: 2 })
    expect(second.entries.map((e) => [e.username, e.matchedBy])).toEqual([...Array.from({ length: 10 }, (_, i) => [bulk(20 + i), 'username']), ['someone', 'email']])
    expect(second.hasNext).toBe(false)
    expect(await usernames('bulk', 3)).toEqual([])
    expect(await usernames('bulk', 4, 10)).toEqual(['someone'])
    // Pages reach MAX_SEARCH_RESULTS deep at most.
    expect(await searchDirectory({ query: 'bulk', page: MAX_SEARCH_RESULTS / 20 + 1 })).toMatchObject({ entries: [], hasNext: false, capped: true })
  })
})
