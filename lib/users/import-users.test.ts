import { afterAll, describe, expect, it } from 'vitest'
import { onPostgres, setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { disconnectDb, getDb } from '@/lib/db'
import { addUser } from './add-user'
import { importUsers, MAX_USER_IMPORT_BYTES, type UserImportOptions } from './import-users'
import { UserImportFileError } from './parse-user-csv'

setUpTempDatabase()
afterAll(() => disconnectDb())

const run = (text: string, options: UserImportOptions = {}) => importUsers({ content: Buffer.from(text), source: 'people.csv', options, actor: CLI_ACTOR })
const csv = (...rows: string[]) => ['username,email,name,groups', ...rows].join('\n')
async function people(prefix: string) {
  const users = await getDb().user.findMany({
    where: { username: { startsWith: prefix } },
    orderBy: { username: 'asc' },
    select: { username: true, email: true, displayName: true, displayNameKey: true, status: true, groups: { select: { name: true }, orderBy: { name: 'asc' } } },
  })
  return users.map((u) => ({ ...u, groups: u.groups.map((g) => g.name) }))
}
async function importEvents() {
  const events = await getDb().auditEvent.findMany({ where: { action: 'user.imported' }, orderBy: [{ at: 'asc' }, { id: 'asc' }] })
  return events.map((e) => JSON.parse(e.details!))
}

describe('importUsers', () => {
  it('adds users with their groups, then re-imports as unchanged, and updates what changed, matched by username', async () => {
    const first = await run(csv('a-ann,ann@example.com,Ann  Smith,sales|emea', 'a-bob,bob@example.com,,sales', 'a-cy,cy@example.com,Cy,'))
    expect(first).toEqual({ imported: true, dryRun: false, rows: 3, added: 3, updated: 0, unchanged: 0, disabled: 0, refused: 0, problems: [] })
    expect(await people('a-')).toEqual([
      { username: 'a-ann', email: 'ann@example.com', displayName: 'Ann  Smith', displayNameKey: 'ann smith', status: 'ACTIVE', groups: ['emea', 'sales'] },
      { username: 'a-bob', email: 'bob@example.com', displayName: null, displayNameKey: null, status: 'ACTIVE', groups: ['sales'] },
      { username: 'a-cy', email: 'cy@example.com', displayName: 'Cy', displayNameKey: 'cy', status: 'ACTIVE', groups: [] },
    ])
    const again = await run(csv('A-Ann,ANN@example.com,Ann  Smith,emea;sales', 'a-bob,bob@example.com,,sales', 'a-cy,cy@example.com,Cy,'))
    expect(again).toMatchObject({ imported: true, added: 0, updated: 0, unchanged: 3 })
    // Email, name and groups follow the file; the two users swap addresses in one file.
    const changed = await run(csv('a-ann,cy@example.com,Ann Jones,emea', 'a-bob,bob@example.com,Bob,', 'a-cy,ann@example.com,Cy,apac'))
    expect(changed).toMatchObject({ imported: true, added: 0, updated: 3, unchanged: 0 })
    expect(await people('a-')).toEqual([
      { username: 'a-ann', email: 'cy@example.com', displayName: 'Ann Jones', displayNameKey: 'ann jones', status: 'ACTIVE', groups: ['emea'] },
      { username: 'a-bob', email: 'bob@example.com', displayName: 'Bob', displayNameKey: 'bob', status: 'ACTIVE', groups: [] },
      { username: 'a-cy', email: 'ann@example.com', displayName: 'Cy', displayNameKey: 'cy', status: 'ACTIVE', groups: ['apac'] },
    ])
    expect(await getDb().user.count({ where: { username: { startsWith: 'a-' } } })).toBe(3)
    // A file without the name and groups columns leaves them alone.
    expect(await run('username,email\na-ann,ann2@example.com\n')).toMatchObject({ updated: 1 })
    expect((await people('a-ann'))[0]).toMatchObject({ email: 'ann2@example.com', displayName: 'Ann Jones', groups: ['emea'] })
    expect((await importEvents()).slice(0, 3)).toEqual([
      { source: 'people.csv', added: 3, updated: 0, unchanged: 0, disabled: 0, refused: 0, disableMissing: false },
      { source: 'people.csv', added: 0, updated: 0, unchanged: 3, disabled: 0, refused: 0, disableMissing: false },
      { source: 'people.csv', added: 0, updated: 3, unchanged: 0, disabled: 0, refused: 0, disableMissing: false },
    ])
  })

  it('writes nothing when a row is bad, and reports conflicts with the database; with applyValid imports the rest', async () => {
    await addUser({ input: { username: 'b-taken', email: 'taken@example.com' }, actor: CLI_ACTOR })
    const before = await getDb().auditEvent.count()
    const text = csv('b-new,new@example.com,New,', 'b-thief,TAKEN@example.com,,', `b-long,long@example.com,${'n'.repeat(200)},`, 'b-new2,new@example.com,,')
    const refused = await run(text)
    expect(refused).toEqual({
      imported: false,
      dryRun: false,
      rows: 4,
      added: 0,
      updated: 0,
      unchanged: 0,
      disabled: 0,
      refused: 3,
      problems: [
        { line: 3, username: 'b-thief', reason: 'the email belongs to another user (b-taken) in the portal' },
        { line: 4, username: 'b-long', reason: 'Name must be at most 128 characters' },
        { line: 5, username: 'b-new2', reason: 'the email is also on line 2' },
      ],
    })
    expect(await people('b-')).toEqual([expect.objectContaining({ username: 'b-taken' })])
    expect(await getDb().auditEvent.count()).toBe(before)

    expect(await run(text, { dryRun: true, applyValid: true })).toMatchObject({ imported: false, dryRun: true, added: 1, refused: 3 })
    expect(await people('b-')).toHaveLength(1)
    const applied = await run(text, { applyValid: true })
    expect(applied).toMatchObject({ imported: true, added: 1, refused: 3 })
    expect((await people('b-')).map((u) => u.username)).toEqual(['b-new', 'b-taken'])
    // Written in one statement per batch: the dates read back as Prisma writes them.
    const dates = await getDb().user.findMany({ where: { username: { in: ['b-new', 'b-taken'] } }, select: { createdAt: true, updatedAt: true } })
    for (const d of dates) for (const date of [d.createdAt, d.updatedAt]) expect(Math.abs(date.getTime() - Date.now())).toBeLessThan(120_000)
    if (!onPostgres) {
      const stored = await getDb().$queryRaw<{ c: string }[]>`SELECT "createdAt" || '' AS c FROM "User" WHERE "username" IN ('b-new', 'b-taken') ORDER BY "username"`
      expect(stored.map((r) => String(r.c).replace(/[0-9]/g, '9'))).toEqual(['9999-99-99T99:99:99.999+99:99', '9999-99-99T99:99:99.999+99:99'])
    }
    expect((await importEvents()).at(-1)).toMatchObject({ added: 1, refused: 3 })
  })

  it('disables active users missing from the file only when asked, audited per user, never deleting anyone', async () => {
    await getDb().user.updateMany({ data: { status: 'DISABLED' } }) // earlier tests' users are out of the way
    await run(csv('c-1,c1@example.com,,', 'c-2,c2@example.com,,', 'c-3,c3@example.com,,'))
    expect(await run(csv('c-1,c1@example.com,,'))).toMatchObject({ unchanged: 1, disabled: 0 })
    expect((await people('c-')).map((u) => u.status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE'])
    // A row named in the file but bad does not count as missing.
    const text = csv('c-1,c1@example.com,,', 'c-3,not-an-email,,')
    expect(await run(text, { disableMissing: true, dryRun: true, applyValid: true })).toMatchObject({ disabled: 1, imported: false })
    expect(await run(text, { disableMissing: true, applyValid: true })).toMatchObject({ imported: true, unchanged: 1, disabled: 1, refused: 1 })
    expect((await people('c-')).map((u) => [u.username, u.status])).toEqual([
      ['c-1', 'ACTIVE'],
      ['c-2', 'DISABLED'],
      ['c-3', 'ACTIVE'],
    ])
    const disabled = await getDb().auditEvent.findMany({ where: { action: 'user.disabled' } })
    expect(disabled.map((e) => [e.subjectLabel, JSON.parse(e.details!)])).toEqual([['c-2', { reason: 'missing from import', source: 'people.csv' }]])
    expect((await importEvents()).at(-1)).toMatchObject({ disabled: 1, disableMissing: true })
  })

  it('refuses files that are not UTF-8, too large, empty or without a header', async () => {
    await expect(importUsers({ content: Buffer.from([0x75, 0xff, 0xfe]), source: 'x', actor: CLI_ACTOR })).rejects.toThrow('The file is not UTF-8 text')
    await expect(run('')).rejects.toBeInstanceOf(UserImportFileError)
    await expect(run('jdoe,jdoe@example.com\n')).rejects.toThrow(/must be a header/)
    await expect(importUsers({ content: Buffer.alloc(MAX_USER_IMPORT_BYTES + 1, 0x61), source: 'x', actor: CLI_ACTOR })).rejects.toThrow('larger than 20 MB')
  })

  it('imports thousands of users in batches with shared groups', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `d-${i},d${i}@example.com,D ${i},all|team-${i % 7}`)
    expect(await run(csv(...rows))).toMatchObject({ imported: true, added: 2500 })
    expect(await getDb().user.count({ where: { username: { startsWith: 'd-' } } })).toBe(2500)
    expect(await getDb().group.findUniqueOrThrow({ where: { name: 'all' }, include: { _count: { select: { users: true } } } })).toMatchObject({ _count: { users: 2500 } })
    expect(await run(csv(...rows))).toMatchObject({ added: 0, unchanged: 2500 })
  }, 120_000)
})
