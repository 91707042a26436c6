import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { resetConfigForTests } from '@/lib/config'
import { disconnectDb, getDb } from '@/lib/db'
import { addUser } from '@/lib/users'
import { cancelInvitationJob, processInvitationJobs, readInvitationJob, startInvitationJob } from '.'

// The one invitation path, with a switch to kill a batch after its writes (a crash mid-transaction).
const crash = vi.hoisted(() => ({ next: false }))
vi.mock('@/lib/enrollment', async (original) => {
  const real = await original<typeof import('@/lib/enrollment')>()
  return {
    ...real,
    createInvitations: async (options: Parameters<typeof real.createInvitations>[0]) => {
      const created = await real.createInvitations(options)
      if (crash.next) {
        crash.next = false
        throw new Error('killed mid-batch')
      }
      return created
    },
  }
})

setUpTempDatabase()
// A mail server is configured (none listens: these tests mark emails sent themselves).
const smtpBefore = process.env.SMTP_URL
beforeAll(() => {
  process.env.SMTP_URL = 'smtp://127.0.0.1:9'
  resetConfigForTests()
})
afterAll(async () => {
  if (smtpBefore === undefined) delete process.env.SMTP_URL
  else process.env.SMTP_URL = smtpBefore
  resetConfigForTests()
  await disconnectDb()
})

const db = () => getDb()
let prefix = 0
/** Everyone pending in this test's own group. */
const pending = () => ({ kind: 'filter' as const, filter: { state: 'pending' as const, group: `g${prefix}` } })

beforeEach(async () => {
  // Each test its own users, in a group of its own; earlier tests' jobs are over.
  await db().invitationJob.updateMany({ where: { state: 'RUNNING' }, data: { state: 'CANCELLED', runningKey: null } })
  prefix++
})

async function users(count: number, group = `g${prefix}`) {
  const made = []
  for (let i = 0; i < count; i++) {
    made.push(await addUser({ input: { username: `t${prefix}-u${i}`, email: `t${prefix}-u${i}@example.com`, groups: [group] }, actor: CLI_ACTOR }))
  }
  return made
}

async function emailsPerUser(jobId: string) {
  const items = await db().invitationJobItem.findMany({ where: { jobId }, select: { user: { select: { email: true } } } })
  const emails = items.map((i) => i.user.email)
  const messages = await db().outboxMessage.groupBy({ by: ['to'], where: { to: { in: emails } }, _count: { _all: true } })
  return messages.map((m) => m._count._all)
}

const deliverAll = () => db().outboxMessage.updateMany({ where: { status: 'QUEUED' }, data: { status: 'SENT', sentAt: new Date() } })

describe('bulk invitation jobs', () => {
  it('invites everyone pending in batches, once each, and is done when the outbox has delivered', async () => {
    await users(7)
    const { jobId, started, total } = await startInvitationJob({ selection: pending(), actor: CLI_ACTOR })
    expect({ started, total }).toEqual({ started: true, total: 7 })
    expect(await readInvitationJob({ jobId })).toMatchObject({ state: 'RUNNING', remaining: 7, queued: 0, sent: 0, percent: 0 })

    expect(await processInvitationJobs({ batchSize: 3 })).toBe(3)
    expect(await readInvitationJob({ jobId })).toMatchObject({ remaining: 4, queued: 3, sent: 0 })
    while ((await processInvitationJobs({ batchSize: 3 })) > 0);
    expect(await readInvitationJob({ jobId })).toMatchObject({ state: 'RUNNING', remaining: 0, queued: 7, sent: 0 })

    await deliverAll()
    await processInvitationJobs({ batchSize: 3 })
    expect(await readInvitationJob({ jobId })).toMatchObject({ state: 'DONE', remaining: 0, queued: 0, sent: 7, failed: 0, percent: 100 })
    expect(await emailsPerUser(jobId)).toEqual(Array(7).fill(1))
    expect(await db().auditEvent.count({ where: { action: { in: ['invitation-job.started', 'invitation-job.finished'] }, subjectId: jobId } })).toBe(2)
  })

  it('resumes after a worker died mid-batch without inviting anyone twice', async () => {
    await users(5)
    const { jobId } = await startInvitationJob({ selection: pending(), actor: CLI_ACTOR })
    await processInvitationJobs({ batchSize: 2 })
    crash.next = true
    await expect(processInvitationJobs({ batchSize: 2 })).rejects.toThrow('killed mid-batch')
    // The killed batch left nothing behind: two invited, three still waiting.
    expect(await readInvitationJob({ jobId })).toMatchObject({ remaining: 3, queued: 2 })
    // A new worker (a restarted server) carries on.
    while ((await processInvitationJobs({ batchSize: 2 })) > 0);
    expect(await readInvitationJob({ jobId })).toMatchObject({ remaining: 0, queued: 5 })
    expect(await emailsPerUser(jobId)).toEqual(Array(5).fill(1))
    const invitations = await db().enrollmentInvitation.groupBy({ by: ['userId'], where: { user: { username: { startsWith: `t${prefix}-` } } }, _count: { _all: true } })
    expect(invitations.map((i) => i._count._all)).toEqual(Array(5).fill(1))
  })

  it('runs one job per selection at a time, in any order of the chosen users', async () => {
    const [a, b] = await users(2)
    const first = await startInvitationJob({ selection: { kind: 'users', userIds: [a!.id, b!.id] }, actor: CLI_ACTOR })
    const again = await startInvitationJob({ selection: { kind: 'users', userIds: [b!.id, a!.id] }, actor: CLI_ACTOR })
    expect(again).toEqual({ jobId: first.jobId, started: false, total: 2 })
    expect(await db().invitationJob.count({ where: { id: { not: first.jobId }, label: '2 chosen users', state: 'RUNNING' } })).toBe(0)
    // Another selection is another job.
    const other = await startInvitationJob({ selection: { kind: 'users', userIds: [a!.id] }, actor: CLI_ACTOR })
    expect(other.started).toBe(true)
    // Once the first is over, the same selection starts anew.
    while ((await processInvitationJobs()) > 0);
    await deliverAll()
    await processInvitationJobs()
    expect((await readInvitationJob({ jobId: first.jobId }))!.state).toBe('DONE')
    expect((await startInvitationJob({ selection: { kind: 'users', userIds: [a!.id, b!.id] }, actor: CLI_ACTOR })).started).toBe(true)
  })

  it('refuses an empty selection, writing nothing', async () => {
    const before = await db().invitationJob.count()
    await expect(startInvitationJob({ selection: { kind: 'users', userIds: [] }, actor: CLI_ACTOR })).rejects.toThrow('Choose at least one user')
    await expect(startInvitationJob({ selection: { kind: 'filter', filter: { state: 'pending', group: 'nobody-here' } }, actor: CLI_ACTOR })).rejects.toThrow('No active user matches')
    await expect(startInvitationJob({ selection: { kind: 'users', userIds: ['no-such-id'] }, actor: CLI_ACTOR })).rejects.toThrow('no longer exist')
    expect(await db().invitationJob.count()).toBe(before)
  })

  it('cancels: waiting users are not invited and emails not yet taken are withdrawn', async () => {
    await users(6)
    const { jobId } = await startInvitationJob({ selection: pending(), actor: CLI_ACTOR })
    await processInvitationJobs({ batchSize: 2 })
    await processInvitationJobs({ batchSize: 2 })
    // One email went out before the cancel; the other three are still queued.
    const [sentOne] = await db().invitationJobItem.findMany({ where: { jobId, state: 'QUEUED' }, take: 1 })
    await db().outboxMessage.update({ where: { id: sentOne!.outboxMessageId! }, data: { status: 'SENT' } })

    expect(await cancelInvitationJob({ jobId, actor: CLI_ACTOR })).toEqual({ withdrawn: 3 })
    expect(await readInvitationJob({ jobId })).toMatchObject({ state: 'CANCELLED', sent: 1, queued: 0, remaining: 0, cancelled: 5, percent: 100 })
    expect(await processInvitationJobs({ batchSize: 2 })).toBe(0)
    const emails = await db().outboxMessage.count({ where: { to: { startsWith: `t${prefix}-` } } })
    expect(emails).toBe(1)
    expect(await db().enrollmentInvitation.count({ where: { user: { username: { startsWith: `t${prefix}-` } }, revokedReason: 'cancelled' } })).toBe(3)
    expect(await db().auditEvent.count({ where: { action: 'invitation-job.cancelled', subjectId: jobId } })).toBe(1)
    await expect(cancelInvitationJob({ jobId, actor: CLI_ACTOR })).rejects.toThrow('already finished')
  })

  it('skips a user disabled after the start, counting them as failed', async () => {
    const [a] = await users(2)
    const { jobId } = await startInvitationJob({ selection: pending(), actor: CLI_ACTOR })
    await db().user.update({ where: { id: a!.id }, data: { status: 'DISABLED' } })
    await processInvitationJobs()
    expect(await readInvitationJob({ jobId })).toMatchObject({ queued: 1, failed: 1, remaining: 0 })
  })
  it('without SMTP_URL (the local outbox) is done once everyone is invited', async () => {
    await users(2)
    const { jobId } = await startInvitationJob({ selection: pending(), actor: CLI_ACTOR })
    process.env.SMTP_URL = ''
    resetConfigForTests()
    try {
      while ((await processInvitationJobs()) > 0);
      await processInvitationJobs()
      expect(await readInvitationJob({ jobId })).toMatchObject({ state: 'DONE', queued: 2, sent: 0 })
    } finally {
      process.env.SMTP_URL = 'smtp://127.0.0.1:9'
      resetConfigForTests()
    }
  })
})
