import { afterAll, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { disconnectDb, getDb } from '@/lib/db'
import { readMailBody } from '@/lib/mail'
import { base32ToBytes, generateOtp, timeStepAt } from '@/lib/otp'
import { verifyPin } from '@/lib/pins'
import { getSettings } from '@/lib/settings'
import { readTokenSecret } from '@/lib/tokens'
import { addUser } from '@/lib/users'
import { completeEnrollment } from './complete-enrollment'
import { enrollmentStep } from './enrollment-step'
import { inviteUsers } from './invite-users'
import { readEnrollmentKey } from './read-enrollment-key'
import { resolveInvitationLink } from './resolve-invitation-link'
import { startEnrollment } from './start-enrollment'
import { verifyEnrollmentCode } from './verify-enrollment-code'

setUpTempDatabase()
afterAll(() => disconnectDb())

async function invited(username: string): Promise<string> {
  await addUser({ input: { username, email: `${username}@example.com`, displayName: `${username} Person` }, actor: CLI_ACTOR }).catch(() => undefined)
  await inviteUsers({ usernames: [username], actor: CLI_ACTOR })
  const message = await getDb().outboxMessage.findFirstOrThrow({ where: { to: `${username}@example.com`, template: 'enrollment-invitation' }, orderBy: { createdAt: 'desc' } })
  return /\/enroll\/([A-Za-z0-9_-]{43})/.exec(readMailBody({ message }).text)![1]!
}

/** The secret as a person reads it: from the enrollment string on the page. */
async function secretShown(link: string): Promise<string> {
  const resolved = await resolveInvitationLink({ token: link })
  const key = await readEnrollmentKey({ tokenId: resolved.token!.id, issuer: 'Acme', accountName: resolved.user!.username })
  return key!.groupedSecret.replace(/ /g, '')
}

const step = async (link: string) => enrollmentStep(await resolveInvitationLink({ token: link }))

describe('enrollment', () => {
  it('goes start → add → pin → done, storing only sealed and hashed secrets', async () => {
    const link = await invited('erin')
    expect(await step(link)).toBe('start')
    const started = await startEnrollment({ token: link, platform: 'ios' })
    expect(started.created).toBe(true)
    expect(await step(link)).toBe('add')
    // Start again (refresh, second tab): the same token and the same secret.
    const secret = await secretShown(link)
    expect(await startEnrollment({ token: link, platform: 'ios' })).toMatchObject({ tokenId: started.tokenId, created: false })
    expect(await secretShown(link)).toBe(secret)
    expect(base32ToBytes(secret)).toHaveLength(20)

    const code = generateOtp({ type: 'TOTP', secret })
    expect(await verifyEnrollmentCode({ token: link, code: `${code.slice(0, 3)} ${code.slice(3)}` })).toEqual({ verified: true })
    expect(await step(link)).toBe('pin')
    // The secret is not shown again once verified.
    expect(await readEnrollmentKey({ tokenId: started.tokenId, issuer: 'Acme', accountName: 'erin' })).toBeNull()
    const verified = await getDb().token.findUniqueOrThrow({ where: { id: started.tokenId } })
    expect(verified.lastTimeStep).toBe(timeStepAt({ timestamp: Date.now() }))
    expect(verified.status).toBe('PENDING')

    const result = await completeEnrollment({ token: link, pin: '4827', pinConfirm: '4827', name: 'Work phone' })
    expect(result).toMatchObject({ ok: true, serial: started.serial, name: 'Work phone', alreadyDone: false, replaced: [] })
    const active = await getDb().token.findUniqueOrThrow({ where: { id: started.tokenId } })
    expect(active).toMatchObject({ status: 'ACTIVE', name: 'Work phone' })
    expect(active.pinHash).not.toContain('4827')
    expect(verifyPin({ tokenId: active.id, pin: '4827', pinHash: active.pinHash! })).toBe(true)
    expect(readTokenSecret({ token: active })).toBe(secret)
    expect(await step(link)).toBe('done')
    const invitation = await getDb().enrollmentInvitation.findFirstOrThrow({ where: { token: { id: active.id } } })
    expect(invitation.usedAt).not.toBeNull()
    const mail = await getDb().outboxMessage.findFirstOrThrow({ where: { to: 'erin@example.com', template: 'token-enrolled' } })
    expect(readMailBody({ message: mail }).text).toContain('Work phone')
    const actions = (await getDb().auditEvent.findMany({ where: { subjectId: active.id }, orderBy: { at: 'asc' } })).map((e) => e.action)
    expect(actions).toEqual(['token.created', 'token.verified', 'token.enrolled', 'pin.set'])
    // Submitting again (a second tab) is told it is done, and changes nothing.
    expect(await completeEnrollment({ token: link, pin: '9051', pinConfirm: '9051', name: 'Other' })).toMatchObject({ ok: true, alreadyDone: true })
    const after = await getDb().token.findUniqueOrThrow({ where: { id: active.id } })
    expect(after).toMatchObject({ name: 'Work phone', pinHash: active.pinHash })
  })

  it('counts wrong codes, says how many tries remain, and locks the link at five', async () => {
    const link = await invited('frank')
    const { tokenId } = await startEnrollment({ token: link, platform: 'android' })
    await expect(verifyEnrollmentCode({ token: link, code: 'abcdef' })).rejects.toThrow('Type the 6 digits your app shows')
    await expect(verifyEnrollmentCode({ token: link, code: '１２３４５６' })).rejects.toThrow('Type the 6 digits')
    const secret = await secretShown(link)
    const wrong = String((Number(generateOtp({ type: 'TOTP', secret })) + 1) % 1_000_000).padStart(6, '0')
    const results = []
    for (let i = 0; i < 5; i++) results.push(await verifyEnrollmentCode({ token: link, code: wrong }))
    expect(results.map((r) => (r.verified ? 'ok' : r.remaining))).toEqual([4, 3, 2, 1, 0])
    expect(results[4]).toEqual({ verified: false, remaining: 0, locked: true })
    expect((await resolveInvitationLink({ token: link })).state).toBe('locked')
    expect((await getDb().token.findUniqueOrThrow({ where: { id: tokenId } })).status).toBe('REVOKED')
    // Even the right code is refused now.
    await expect(verifyEnrollmentCode({ token: link, code: generateOtp({ type: 'TOTP', secret }) })).rejects.toThrow('can no longer be used')
  })

  it('explains every PIN and name problem at once, and changes nothing', async () => {
    const link = await invited('gina')
    const { tokenId } = await startEnrollment({ token: link, platform: 'windows' })
    await expect(completeEnrollment({ token: link, pin: '4827', pinConfirm: '4827', name: 'x' })).rejects.toThrow('Type a code from your app first')
    await verifyEnrollmentCode({ token: link, code: generateOtp({ type: 'TOTP', secret: await secretShown(link) }) })

    const attempt = (pin: string, pinConfirm: string, name = 'Phone') => completeEnrollment({ token: link, pin, pinConfirm, name })
    expect(await attempt('4827', '4872')).toEqual({ ok: false, errors: { pinConfirm: ['The two PINs do not match. Type the same PIN in both fields.'] } })
    expect(await attempt('1234', '1234')).toMatchObject({ ok: false, errors: { pin: [expect.stringContaining('too easy to guess')] } })
    expect(await attempt('12a', '12a')).toMatchObject({ ok: false, errors: { pin: [expect.stringContaining('at least 4'), expect.stringContaining('digits 0–9 only')] } })
    expect(await attempt('', '')).toMatchObject({ ok: false, errors: { pin: ['Choose a PIN.'] } })
    expect(await attempt('4827', '4827', 'n'.repeat(65))).toEqual({ ok: false, errors: { name: ['Keep the name to 64 characters or fewer.'] } })
    const row = await getDb().token.findUniqueOrThrow({ where: { id: tokenId } })
    expect(row).toMatchObject({ status: 'PENDING', pinHash: null, name: null })
    expect((await resolveInvitationLink({ token: link })).state).toBe('valid')
  })

  it('replaces the old token only once the new one is active, and two submissions activate once', async () => {
    const first = await invited('hugo')
    await startEnrollment({ token: first, platform: 'ios' })
    const firstSecret = await secretShown(first)
    await verifyEnrollmentCode({ token: first, code: generateOtp({ type: 'TOTP', secret: firstSecret }) })
    await completeEnrollment({ token: first, pin: '4827', pinConfirm: '4827', name: 'Old phone' })

    const second = await invited('hugo')
    const { tokenId } = await startEnrollment({ token: second, platform: 'ios' })
    await verifyEnrollmentCode({ token: second, code: generateOtp({ type: 'TOTP', secret: await secretShown(second) }) })
    const hugo = await getDb().user.findUniqueOrThrow({ where: { username: 'hugo' } })
    expect(await getDb().token.count({ where: { userId: hugo.id, status: 'ACTIVE' } })).toBe(1)

    const both = await Promise.all([
      completeEnrollment({ token: second, pin: '5938', pinConfirm: '5938', name: 'New phone' }),
      completeEnrollment({ token: second, pin: '6049', pinConfirm: '6049', name: 'Other tab' }),
    ])
    expect(both.filter((r) => r.ok && !r.alreadyDone)).toHaveLength(1)
    const active = await getDb().token.findMany({ where: { userId: hugo.id, status: 'ACTIVE' } })
    expect(active.map((t) => t.id)).toEqual([tokenId])
    expect(await getDb().token.count({ where: { userId: hugo.id, status: 'REVOKED' } })).toBe(1)
    expect(await getDb().outboxMessage.count({ where: { to: 'hugo@example.com', template: 'token-enrolled' } })).toBe(2)
  })

  it('refuses an expired link mid-way and keeps the pending token pending', async () => {
    const link = await invited('ivan')
    const { tokenId } = await startEnrollment({ token: link, platform: 'linux' })
    await verifyEnrollmentCode({ token: link, code: generateOtp({ type: 'TOTP', secret: await secretShown(link) }) })
    const settings = await getSettings()
    const later = new Date(Date.now() + settings.invitationTtlHours * 3600_000 + 1000)
    await expect(completeEnrollment({ token: link, pin: '4827', pinConfirm: '4827', name: 'Phone', now: later })).rejects.toThrow('can no longer be used')
    expect((await getDb().token.findUniqueOrThrow({ where: { id: tokenId } })).status).toBe('PENDING')
  })
})
