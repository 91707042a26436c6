import { afterAll, describe, expect, it } from 'vitest'
import { dumpDatabase, setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { keyedHash } from '@/lib/crypto'
import { disconnectDb, getDb } from '@/lib/db'
import { readMailBody } from '@/lib/mail'
import { addUser } from '@/lib/users'
import { inviteUsers } from './invite-users'
import { openInvitation } from './open-invitation'
import { processEnrollmentRequests } from './process-enrollment-requests'
import { requestEnrollmentLink, REQUEST_LIMITS } from './request-enrollment-link'
import { resolveInvitationLink } from './resolve-invitation-link'

const { file } = setUpTempDatabase()
afterAll(() => disconnectDb())

/** The link token, read the way a person gets it: from the newest email to this address. */
async function linkTokenFor(email: string): Promise<string> {
  const message = await getDb().outboxMessage.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: 'desc' } })
  const { text } = readMailBody({ message })
  return /\/enroll\/([A-Za-z0-9_-]{43})/.exec(text)![1]!
}

async function user(username: string) {
  return addUser({ input: { username, email: `${username}@example.com`, displayName: `${username} Person` }, actor: CLI_ACTOR })
}

describe('invitations', () => {
  it('queues an email with a link, stores only its keyed hash, and audits', async () => {
    const alice = await user('alice')
    const [result] = await inviteUsers({ usernames: ['ALICE'], actor: CLI_ACTOR })
    expect(result).toMatchObject({ username: 'alice', email: 'alice@example.com' })
    const token = await linkTokenFor('alice@example.com')

    const invitation = await getDb().enrollmentInvitation.findFirstOrThrow({ where: { userId: alice.id } })
    expect(invitation.tokenHash).toBe(keyedHash({ purpose: 'link-token', value: token }))
    expect(invitation.expiresAt.getTime() - invitation.createdAt.getTime()).toBeCloseTo(7 * 24 * 3600_000, -4)
    const message = await getDb().outboxMessage.findFirstOrThrow({ where: { to: 'alice@example.com' } })
    expect(message).toMatchObject({ template: 'enrollment-invitation', status: 'QUEUED', subject: 'Set up your sign-in token for Token Portal' })
    const { html, text } = readMailBody({ message })
    expect(text).toContain('Hello alice Person')
    expect(text).toContain('forward this email to your phone')
    expect(html).toContain(`/enroll/${token}`)

    const dump = await dumpDatabase({ file })
    expect(dump.includes(Buffer.from(token))).toBe(false) // neither in the row nor in the sealed email
    const actions = (await getDb().auditEvent.findMany({ where: { subjectId: { in: [alice.id, message.id] } } })).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['invitation.created', 'mail.queued']))
  })

  it('resolves a link to its own user only, and checks expiry at use', async () => {
    const bob = await user('bob')
    await inviteUsers({ usernames: ['bob'], actor: CLI_ACTOR })
    const token = await linkTokenFor('bob@example.com')
    const link = await resolveInvitationLink({ token })
    expect(link).toMatchObject({ state: 'valid', user: { id: bob.id, username: 'bob' } })
    const aliceLink = await resolveInvitationLink({ token: await linkTokenFor('alice@example.com') })
    expect(aliceLink.user?.username).toBe('alice')

    const later = new Date(link.invitation!.expiresAt.getTime() + 1)
    expect((await resolveInvitationLink({ token, now: later })).state).toBe('expired')
    expect((await resolveInvitationLink({ token, now: new Date(later.getTime() - 2) })).state).toBe('valid')
  })

  it('knows nothing of malformed or foreign tokens', async () => {
    for (const token of ['', 'short', 'x'.repeat(43), `${'A'.repeat(42)}!`, 'A'.repeat(44)]) {
      expect((await resolveInvitationLink({ token })).state).toBe('unknown')
    }
  })

  it('a new invitation revokes the earlier unused one', async () => {
    const first = await linkTokenFor('bob@example.com')
    await inviteUsers({ usernames: ['bob'], actor: CLI_ACTOR })
    const second = await linkTokenFor('bob@example.com')
    expect(second).not.toBe(first)
    expect((await resolveInvitationLink({ token: first })).state).toBe('revoked')
    expect((await resolveInvitationLink({ token: second })).state).toBe('valid')
  })

  it('opening a link records it and never consumes it', async () => {
    const token = await linkTokenFor('bob@example.com')
    for (let i = 0; i < 3; i++) expect((await openInvitation({ token, context: { ip: '198.51.100.7', userAgent: 'scanner' } })).state).toBe('valid')
    const invitation = await getDb().enrollmentInvitation.findFirstOrThrow({ where: { tokenHash: keyedHash({ purpose: 'link-token', value: token }) } })
    expect(invitation.openedAt).not.toBeNull()
    expect(invitation.usedAt).toBeNull()
    expect(await getDb().auditEvent.count({ where: { action: 'invitation.opened', ip: '198.51.100.7' } })).toBe(3)
    // Made-up links: one audit row per client address per minute, with a count.
    const t = new Date('2026-11-24T10:00:00Z')
    const at = (s: number) => new Date(t.getTime() + s * 1000)
    for (let i = 0; i < 5; i++) await openInvitation({ token: `${'x'.repeat(42)}${i}`, context: { ip: '198.51.100.7' }, now: at(i) })
    await openInvitation({ token: 'short', context: { ip: '198.51.100.8' }, now: at(5) })
    await openInvitation({ token: 'y'.repeat(43), context: { ip: '198.51.100.7' }, now: at(61) })
    const rejected = await getDb().auditEvent.findMany({ where: { action: 'invitation.rejected' }, orderBy: { at: 'asc' } })
    expect(rejected.map((e) => [e.ip, JSON.parse(e.details!)])).toEqual([
      ['198.51.100.7', { reason: 'unknown', count: 5 }],
      ['198.51.100.8', { reason: 'unknown', count: 1 }],
      ['198.51.100.7', { reason: 'unknown', count: 1 }],
    ])
  })

  it('reports used and locked links as such', async () => {
    const carol = await user('carol')
    await inviteUsers({ usernames: ['carol'], actor: CLI_ACTOR })
    const token = await linkTokenFor('carol@example.com')
    await getDb().enrollmentInvitation.updateMany({ where: { userId: carol.id }, data: { lockedAt: new Date() } })
    expect((await resolveInvitationLink({ token })).state).toBe('locked')
    await getDb().enrollmentInvitation.updateMany({ where: { userId: carol.id }, data: { usedAt: new Date() } })
    expect((await resolveInvitationLink({ token })).state).toBe('used')
  })

  it('rejects unknown usernames and changes nothing', async () => {
    const before = await getDb().enrollmentInvitation.count()
    await expect(inviteUsers({ usernames: ['alice', 'nobody'], actor: CLI_ACTOR })).rejects.toThrow('No user named nobody; nothing was sent')
    expect(await getDb().enrollmentInvitation.count()).toBe(before)
  })

  it('--all-pending skips users with a live invitation or an active token', async () => {
    await user('dave')
    const token = await getDb().token.create({
      data: { serial: 'TPACTIVE01', status: 'ACTIVE', secretCiphertext: 'x', secretKeyId: 'x', user: { connect: { username: 'carol' } } },
    })
    expect(token.status).toBe('ACTIVE')
    const invited = await inviteUsers({ allPending: true, actor: CLI_ACTOR })
    expect(invited.map((i) => i.username)).toEqual(['dave'])
    expect(await inviteUsers({ allPending: true, actor: CLI_ACTOR })).toEqual([])
  })
})

describe('requestEnrollmentLink', () => {
  const ctx = (ip: string) => ({ ip, userAgent: 'test' })

  it('sends a new link for a username or an email, however it is typed, without cancelling the links already out', async () => {
    const staffLink = await linkTokenFor('dave@example.com')
    await requestEnrollmentLink({ input: { identifier: '  Dave ' }, context: ctx('203.0.113.1') })
    await requestEnrollmentLink({ input: { identifier: 'DAVE@example.com' }, context: ctx('203.0.113.1') })
    // Recorded now, done by the background jobs.
    expect(await getDb().enrollmentRequest.count()).toBe(2)
    expect(await processEnrollmentRequests()).toBe(2)
    expect(await processEnrollmentRequests()).toBe(0)
    const mails = await getDb().outboxMessage.findMany({ where: { to: 'dave@example.com', template: 'enrollment-link-requested' } })
    expect(mails).toHaveLength(2)
    // Anyone can type a username: a request never breaks an enrollment in progress.
    expect((await resolveInvitationLink({ token: staffLink })).state).toBe('valid')
    const requested = await getDb().enrollmentInvitation.findMany({ where: { user: { username: 'dave' }, selfRequested: true } })
    expect(requested).toHaveLength(2)
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { action: 'invitation.created', details: { contains: 'self-request' } } })
    expect(event.ip).toBe('203.0.113.1')
  })

  it('answers the same for an unknown account, sends nothing, and logs why', async () => {
    const before = await getDb().outboxMessage.count()
    await expect(requestEnrollmentLink({ input: { identifier: 'no-such-person' }, context: ctx('203.0.113.2') })).resolves.toBeUndefined()
    expect(await processEnrollmentRequests()).toBe(1)
    expect(await getDb().outboxMessage.count()).toBe(before)
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { action: 'invitation.request-ignored' } })
    expect(JSON.parse(event.details!)).toEqual({ reason: 'no-matching-account' })
    expect(event.ip).toBe('203.0.113.2')
  })

  it('handles each request once, however many servers run the jobs', async () => {
    for (let i = 0; i < 6; i++) await requestEnrollmentLink({ input: { identifier: `nobody-${i}` }, context: ctx(`203.0.113.${40 + i}`) })
    const ignoredBefore = await getDb().auditEvent.count({ where: { action: 'invitation.request-ignored' } })
    const handled = await Promise.all([processEnrollmentRequests(), processEnrollmentRequests(), processEnrollmentRequests()])
    expect(handled.reduce((a, b) => a + b, 0)).toBe(6)
    expect(await getDb().enrollmentRequest.count()).toBe(0)
    expect(await getDb().auditEvent.count({ where: { action: 'invitation.request-ignored' } })).toBe(ignoredBefore + 6)
  })

  it('limits requests per account, existing or not, with a clear message', async () => {
    for (const identifier of ['erin-unknown', 'alice']) {
      for (let i = 0; i < REQUEST_LIMITS.account.limit; i++) {
        await requestEnrollmentLink({ input: { identifier }, context: ctx(`203.0.113.${10 + i}`) })
      }
      const before = await getDb().enrollmentRequest.count()
      await expect(requestEnrollmentLink({ input: { identifier }, context: ctx('203.0.113.99') })).rejects.toThrow(
        /^Too many requests\. Please wait 60 minutes and try again\.$/,
      )
      expect(await getDb().enrollmentRequest.count()).toBe(before)
    }
  })

  it('limits requests per client address', async () => {
    const ip = '192.0.2.50'
    for (let i = 0; i < REQUEST_LIMITS.address.limit; i++) {
      await requestEnrollmentLink({ input: { identifier: `someone-${i}` }, context: ctx(ip) })
    }
    await expect(requestEnrollmentLink({ input: { identifier: 'someone-else' }, context: ctx(ip) })).rejects.toThrow(/Too many requests/)
  })

  it('explains empty input and changes nothing', async () => {
    const before = await getDb().rateLimit.count()
    await expect(requestEnrollmentLink({ input: { identifier: '   ' }, context: ctx('203.0.113.3') })).rejects.toThrow('Enter your username or email address')
    expect(await getDb().rateLimit.count()).toBe(before)
  })
})
