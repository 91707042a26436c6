import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { keyedHash } from '@/lib/crypto'
import { disconnectDb, getDb } from '@/lib/db'
import { readMailBody } from '@/lib/mail'
import { forgetCachedSettings } from '@/lib/settings'
import { addUser } from '@/lib/users'
import { inviteUsers } from './invite-users'
import { listStuckEnrollments } from './list-stuck-enrollments'
import { reinviteStuckUsers } from './reinvite-stuck-users'
import { dueReminderOffsets, type ReminderInvitation } from './reminder-schedule'
import { resolveInvitationLink } from './resolve-invitation-link'
import { sendEnrollmentReminders } from './send-enrollment-reminders'

setUpTempDatabase()
afterAll(() => disconnectDb())

const DAY = 86_400_000
const t0 = new Date('2026-11-20T09:00:00Z')
const at = (days: number, hours = 0) => new Date(t0.getTime() + days * DAY + hours * 3600_000)

describe('dueReminderOffsets (pure)', () => {
  const invitation: ReminderInvitation = { createdAt: t0, expiresAt: at(7), usedAt: null, revokedAt: null, lockedAt: null }
  const due = (now: Date, recorded: number[] = [], inv = invitation) => dueReminderOffsets({ invitation: inv, offsets: [5, 2], recorded, now })

  it('is empty before the first offset, then gives each offset from its day on', () => {
    expect(due(at(1, 23))).toEqual([])
    expect(due(at(2))).toEqual([2])
    expect(due(at(4, 23), [2])).toEqual([])
    expect(due(at(5), [2])).toEqual([5])
    expect(due(at(6), [2, 5])).toEqual([])
  })
  it('gives both when the worker was away past both (the caller emails once)', () => {
    expect(due(at(5, 1))).toEqual([2, 5])
  })
  it('never after enrollment, revocation, lock or expiry, nor for an offset past the expiry', () => {
    expect(due(at(3), [], { ...invitation, usedAt: at(1) })).toEqual([])
    expect(due(at(3), [], { ...invitation, revokedAt: at(1) })).toEqual([])
    expect(due(at(3), [], { ...invitation, lockedAt: at(1) })).toEqual([])
    expect(due(at(7))).toEqual([])
    expect(due(at(4), [], { ...invitation, expiresAt: at(4, 1) })).toEqual([2])
    expect(dueReminderOffsets({ invitation: { ...invitation, expiresAt: at(10) }, offsets: [2, 5], recorded: [2], now: at(9) })).toEqual([5])
  })
})

async function invite(username: string, now: Date) {
  const user = await addUser({ input: { username, email: `${username}@example.com`, displayName: `${username} Person` }, actor: CLI_ACTOR })
  await inviteUsers({ usernames: [username], actor: CLI_ACTOR, now })
  return user
}
const reminders = (email: string) => getDb().outboxMessage.findMany({ where: { to: email, template: 'enrollment-reminder' }, orderBy: { createdAt: 'asc' } })

describe('sendEnrollmentReminders', () => {
  beforeEach(async () => {
    await getDb().settings.upsert({ where: { id: 1 }, create: { id: 1 }, update: { enrollmentReminderDays: '2,5', invitationTtlHours: 168 } })
    forgetCachedSettings()
  })

  it('reminds after 2 and 5 days with a fresh link that replaces the old one, each once, audited', async () => {
    const ann = await invite('ann', t0)
    const first = await getDb().enrollmentInvitation.findFirstOrThrow({ where: { userId: ann.id } })
    expect(await sendEnrollmentReminders({ now: at(1, 23) })).toMatchObject({ sent: 0 })
    expect(await sendEnrollmentReminders({ now: at(2) })).toEqual({ sent: 1, freshLinks: 1, skipped: 0 })
    expect(await sendEnrollmentReminders({ now: at(2, 1) })).toMatchObject({ sent: 0 })

    const [mail] = await reminders('ann@example.com')
    const { text } = readMailBody({ message: mail! })
    expect(mail!.subject).toBe('Reminder: set up your sign-in token for Token Portal')
    const token = /\/enroll\/([A-Za-z0-9_-]{43})/.exec(text)![1]!
    const after = await getDb().enrollmentInvitation.findUniqueOrThrow({ where: { id: first.id } })
    expect(after.tokenHash).toBe(keyedHash({ purpose: 'link-token', value: token }))
    expect(after.tokenHash).not.toBe(first.tokenHash)
    expect(after.expiresAt).toEqual(first.expiresAt) // a reminder never extends the link
    expect((await resolveInvitationLink({ token, now: at(2) })).state).toBe('valid')

    expect(await sendEnrollmentReminders({ now: at(5) })).toMatchObject({ sent: 1 })
    expect(await sendEnrollmentReminders({ now: at(6) })).toMatchObject({ sent: 0 })
    expect(await reminders('ann@example.com')).toHaveLength(2)
    const events = await getDb().auditEvent.findMany({ where: { action: 'enrollment.reminder-sent', subjectId: ann.id }, orderBy: { at: 'asc' } })
    expect(events.map((e) => JSON.parse(e.details!).offsetDays)).toEqual([2, 5])
    // Past the expiry nothing more.
    expect(await sendEnrollmentReminders({ now: at(8) })).toMatchObject({ sent: 0 })
  })

  it('never twice when two workers run the same pass at once', async () => {
    await invite('bea', t0)
    const results = await Promise.all([sendEnrollmentReminders({ now: at(2) }), sendEnrollmentReminders({ now: at(2) })])
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(1)
    expect(await reminders('bea@example.com')).toHaveLength(1)
  })

  it('sends one email when both offsets are due at once, and none after enrollment', async () => {
    await invite('cid', t0)
    const dan = await invite('dan', t0)
    await getDb().enrollmentInvitation.updateMany({ where: { userId: dan.id }, data: { usedAt: at(1) } })
    await sendEnrollmentReminders({ now: at(5, 2) })
    expect(await reminders('cid@example.com')).toHaveLength(1)
    expect(await reminders('dan@example.com')).toHaveLength(0)
    expect(await sendEnrollmentReminders({ now: at(6) })).toMatchObject({ sent: 0 })
  })

  it('leaves a started link alone and points back to it', async () => {
    const eve = await invite('eve', t0)
    await getDb().enrollmentInvitation.updateMany({ where: { userId: eve.id }, data: { browserHash: 'bound', openedAt: at(1) } })
    const before = await getDb().enrollmentInvitation.findFirstOrThrow({ where: { userId: eve.id } })
    expect(await sendEnrollmentReminders({ now: at(2) })).toMatchObject({ sent: 1, freshLinks: 0 })
    const { text } = readMailBody({ message: (await reminders('eve@example.com'))[0]! })
    expect(text).not.toMatch(/\/enroll\//)
    expect(text).toContain('same device and browser')
    expect((await getDb().enrollmentInvitation.findFirstOrThrow({ where: { userId: eve.id } })).tokenHash).toBe(before.tokenHash)
  })

  it('uses the subject and introduction an admin set for the reminder at /admin/branding/emails', async () => {
    await invite('hal', t0)
    await getDb().settings.update({ where: { id: 1 }, data: { emailTemplates: JSON.stringify({ 'enrollment-reminder': { subject: '{orgName}: please finish, {name}', intro: 'Your token is still waiting.' } }) } })
    forgetCachedSettings()
    await sendEnrollmentReminders({ now: at(2, 3) })
    const [mail] = await reminders('hal@example.com')
    expect(mail!.subject).toBe('Token Portal: please finish, hal Person')
    const { text } = readMailBody({ message: mail! })
    expect(text).toContain('Your token is still waiting.')
    expect(text).toMatch(/\/enroll\/[A-Za-z0-9_-]{43}/) // the link is not part of the editable text
    await getDb().settings.update({ where: { id: 1 }, data: { emailTemplates: null } })
    forgetCachedSettings()
  })

  it('sends nothing when the policy is empty', async () => {
    await invite('fay', t0)
    await getDb().settings.update({ where: { id: 1 }, data: { enrollmentReminderDays: '' } })
    forgetCachedSettings()
    expect(await sendEnrollmentReminders({ now: at(3) })).toMatchObject({ sent: 0 })
    expect(await reminders('fay@example.com')).toHaveLength(0)
  })
})

describe('stuck enrollments', () => {
  it('lists each person at their furthest step, filters by step and age, and re-invites in bulk', async () => {
    const gus = await invite('gus', at(0))
    await getDb().enrollmentInvitation.updateMany({ where: { userId: gus.id }, data: { openedAt: at(0, 1) } })
    const now = at(3)
    const all = await listStuckEnrollments({ now })
    const byName = Object.fromEntries(all.rows.map((r) => [r.username, r.step]))
    expect(byName).toMatchObject({ gus: 'opened', eve: 'started', fay: 'invited' })
    expect(byName.dan).toBeUndefined() // enrolled
    expect((await listStuckEnrollments({ step: 'opened', now })).rows.map((r) => r.username)).toEqual(['gus'])
    expect((await listStuckEnrollments({ step: 'opened', days: 5, now })).total).toBe(0)

    await expect(reinviteStuckUsers({ selection: { userIds: [] }, actor: CLI_ACTOR, now })).rejects.toThrow(/Select at least one person/)
    await expect(reinviteStuckUsers({ selection: { userIds: ['no-such-id'] }, actor: CLI_ACTOR, now })).rejects.toThrow(/Nothing was sent/)
    const mailsBefore = await getDb().outboxMessage.count({ where: { to: 'gus@example.com' } })
    expect(await reinviteStuckUsers({ selection: { step: 'opened' }, actor: CLI_ACTOR, now })).toEqual({ sent: 1, usernames: ['gus'] })
    expect(await getDb().outboxMessage.count({ where: { to: 'gus@example.com' } })).toBe(mailsBefore + 1)
    expect(await getDb().auditEvent.count({ where: { action: 'enrollment.bulk-reinvite' } })).toBe(1)
  })
})
