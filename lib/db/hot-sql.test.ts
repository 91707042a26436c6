import { afterAll, describe, expect, it } from 'vitest'
import { setTimeout as sleep } from 'node:timers/promises'
import { setUpTempDatabase } from '@/test/temp-database'
import { disconnectDb, getDb, getHotSql, joinSql, sql } from '.'

setUpTempDatabase()
afterAll(() => disconnectDb())

const newUser = (username: string) => getDb().user.create({ data: { username, email: `${username}@example.com` } })

describe('sql', () => {
  it('turns values into parameters and inlines fragments in order', () => {
    const tuples = joinSql([sql`(${'a'}, ${1})`, sql`(${'b'}, ${2})`])
    const statement = sql`INSERT INTO "T" VALUES ${tuples} RETURNING ${'x'}`
    expect(statement.text).toBe('INSERT INTO "T" VALUES (?, ?), (?, ?) RETURNING ?')
    expect(statement.values).toEqual(['a', 1, 'b', 2, 'x'])
  })
})

describe('the hot-path connection', () => {
  it('writes dates in the format Prisma reads, and reads what Prisma wrote', async () => {
    const user = await newUser('dates')
    const at = new Date('2026-11-26T10:11:12.345Z')
    expect(await getHotSql().execute(sql`UPDATE "User" SET "updatedAt" = ${at} WHERE "id" = ${user.id}`)).toBe(1)
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).updatedAt).toEqual(at)
    const [row] = await getHotSql().query<{ n: number | bigint }>(sql`SELECT COUNT(*) AS "n" FROM "User" WHERE "updatedAt" = ${at}`)
    expect(Number(row!.n)).toBe(1)
    const [back] = await getHotSql().query<{ updatedAt: Date | string }>(sql`SELECT "updatedAt" FROM "User" WHERE "id" = ${user.id}`)
    expect(new Date(back!.updatedAt)).toEqual(at)
  })

  it('waits for an open Prisma transaction instead of failing it, and is not undone by its rollback', async () => {
    const user = await newUser('isolation')
    let hotWrite: Promise<number> | undefined
    // The transaction reads, the hot connection tries to write, the
    // transaction writes: with a deferred BEGIN its write would fail with
    // SQLITE_BUSY (stale snapshot); with BEGIN IMMEDIATE the hot write waits.
    await getDb().$transaction(async (tx) => {
      await tx.user.findUniqueOrThrow({ where: { id: user.id } })
      hotWrite = getHotSql().execute(sql`UPDATE "User" SET "displayName" = ${'hot'} WHERE "id" = ${user.id}`)
      await sleep(30)
      await tx.user.update({ where: { id: user.id }, data: { email: 'tx@example.com' } })
    })
    expect(await hotWrite).toBe(1)
    expect(await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ displayName: 'hot', email: 'tx@example.com' })

    // A rollback of someone else's transaction never takes a hot write with it.
    await expect(
      getDb().$transaction(async (tx) => {
        await tx.user.update({ where: { id: user.id }, data: { email: 'rolled-back@example.com' } })
        hotWrite = getHotSql().execute(sql`UPDATE "User" SET "displayName" = ${'kept'} WHERE "id" = ${user.id}`)
        await sleep(30)
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    expect(await hotWrite).toBe(1)
    expect(await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ displayName: 'kept', email: 'tx@example.com' })
  })

  it('reports a constraint error at once instead of retrying it', async () => {
    await newUser('taken')
    await expect(getHotSql().execute(sql`INSERT INTO "User" ("id", "username", "email", "updatedAt") VALUES (${'x1'}, ${'taken'}, ${'e'}, ${new Date()})`)).rejects.toThrow(/UNIQUE|Unique constraint/i)
  })
})

describe("Prisma's own connection", () => {
  it('never runs a plain statement inside another request’s transaction: a rollback cannot take it along, nor can it read uncommitted rows', async () => {
    const user = await newUser('discipline')
    let opened!: () => void
    const open = new Promise<void>((resolve) => (opened = resolve))
    let finish!: () => void
    const held = new Promise<void>((resolve) => (finish = resolve))
    const transaction = getDb().$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { displayName: 'rolled back' } })
      opened()
      await held
      throw new Error('roll back')
    })
    await open
    // Other requests while that transaction is open: an audit row (create is
    // one INSERT … RETURNING, outside any transaction of Prisma's own), a raw
    // write, a read.
    const audit = getDb().auditEvent.create({ data: { action: 'test.kept', actorType: 'SYSTEM' } })
    const raw = getDb().$executeRaw`UPDATE "User" SET "email" = ${'kept@example.com'} WHERE "id" = ${user.id}`
    const read = getDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { displayName: true } })
    // Give them time to run (on the old connection they finished at once,
    // inside the transaction); now they wait for it.
    await Promise.race([Promise.all([audit, raw, read]), sleep(300)])
    finish()
    await expect(transaction).rejects.toThrow('roll back')
    const kept = await audit
    expect(await raw).toBe(1)
    expect((await read).displayName).toBeNull()
    expect(await getDb().auditEvent.findUnique({ where: { id: kept.id } })).not.toBeNull()
    expect(await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ email: 'kept@example.com', displayName: null })
  })
})
