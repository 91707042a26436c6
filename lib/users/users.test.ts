import { afterAll, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { disconnectDb, getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { addUser } from './add-user'
import { listUsers } from './list-users'

setUpTempDatabase()
afterAll(() => disconnectDb())

describe('addUser', () => {
  it('stores the canonical username, groups, and an audit event', async () => {
    const user = await addUser({
      input: { username: '  JDoe ', email: 'jdoe@example.com', displayName: 'Jane Doe', groups: ['VPN Users', 'vpn users', 'Finance'] },
      actor: CLI_ACTOR,
    })
    expect(user).toMatchObject({ username: 'jdoe', email: 'jdoe@example.com', displayName: 'Jane Doe', groups: ['finance', 'vpn users'] })
    const events = await getDb().auditEvent.findMany({ where: { subjectId: user.id } })
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ action: 'user.created', actorType: 'SYSTEM', actorLabel: 'cli', subjectLabel: 'jdoe' })
  })

  it('treats usernames case-insensitively: JDOE is the existing jdoe', async () => {
    const before = await getDb().user.count()
    await expect(addUser({ input: { username: 'JDOE', email: 'other@example.com' }, actor: CLI_ACTOR })).rejects.toThrow(
      new AppError('ALREADY_EXISTS', 'A user named jdoe already exists'),
    )
    expect(await getDb().user.count()).toBe(before)
  })

  it.each([
    [{ username: '', email: 'a@example.com' }, 'Username is required'],
    [{ username: 'bad name', email: 'a@example.com' }, 'Username may contain letters'],
    [{ username: 'x'.repeat(65), email: 'a@example.com' }, 'at most 64'],
    [{ username: 'ok', email: 'not-an-email' }, 'Email must be a valid address'],
    [{ username: 'ok', email: 'a@example.com', groups: ['!!'] }, 'Group name may contain'],
  ])('rejects %o with a clear message and changes nothing', async (input, message) => {
    const users = await getDb().user.count()
    const events = await getDb().auditEvent.count()
    await expect(addUser({ input, actor: CLI_ACTOR })).rejects.toThrow(message)
    expect(await getDb().user.count()).toBe(users)
    expect(await getDb().auditEvent.count()).toBe(events)
  })
})

describe('listUsers', () => {
  it('lists by username and filters by prefix of username or email', async () => {
    await addUser({ input: { username: 'asmith', email: 'alice@corp.example' }, actor: CLI_ACTOR })
    const all = await listUsers()
    expect(all.map((u) => u.username)).toEqual(['asmith', 'jdoe'])
    expect(all[1]).toMatchObject({ activeTokens: 0, status: 'ACTIVE' })
    expect((await listUsers({ query: 'ALI' })).map((u) => u.username)).toEqual(['asmith'])
    expect(await listUsers({ query: 'zzz' })).toEqual([])
  })
})
