import { afterAll, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { disconnectDb, getDb } from '@/lib/db'
import { readMailBody } from '@/lib/mail'
import { base32ToBytes, generateOtp, timeStepAt } from '@/lib/otp'
import { verifyPin } from '@/lib/pins'
import type { Platform } from '@/lib/policy'
import { getSettings } from '@/lib/settings'
import { readTokenSecret } from '@/lib/tokens'
import { addUser } from '@/lib/users'
import { completeEnrollment } from './complete-enrollment'
import { enrollmentStep } from './enrollment-step'
import { inviteUsers } from './invite-users'
import { processEnrollmentRequests } from './process-enrollment-requests'
import { readEnrollmentKey } from './read-enrollment-key'
import { requestEnrollmentLink } from './request-enrollment-link'
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

const step = async (link: string, browser?: string | null) => enrollmentStep(await resolveInvitationLink({ token: link, browser }))

/** Start, as a browser does: the cookie it gets back binds the enrollment to it. */
async function begin(link: string, { browser = null as string | null, platform = 'ios' as Platform, restart = false, passcode = undefined as string | undefined } = {}) {
  const started = await startEnrollment({ token: link, browser, platform, restart, passcode })
  if (!started.ok) throw new Error(`start refused: ${JSON.stringify(started)}`)
  return { ...started, browser: started.browser?.value ?? browser! }
}

describe('enrollment', () => {
  it('goes start → add → pin → done, storing only sealed and hashed secrets', async () => {
    const link = await invited('erin')
    expect(await step(link)).toBe('start')
    const started = await begin(link)
    expect(started.created).toBe(true)
    const browser = started.browser
    expect(await step(link, browser)).toBe('add')
    // Start again in the same browser (refresh, second tab): the same token and the same secret.
    const secret = await secretShown(link)
    expect(await startEnrollment({ token: link, browser, platform: 'ios' })).toMatchObject({ ok: true, tokenId: started.tokenId, created: false })
    expect(await secretShown(link)).toBe(secret)
    expect(base32ToBytes(secret)).toHaveLength(20)

    const code = generateOtp({ type: 'TOTP', secret })
    expect(await verifyEnrollmentCode({ token: link, browser, code: `${code.slice(0, 3)} ${code.slice(3)}` })).toEqual({ verified: true })
    expect(await step(link, browser)).toBe('pin')
    // The secret is not shown again once verified.
    expect(await readEnrollmentKey({ tokenId: started.tokenId, issuer: 'Acme', accountName: 'erin' })).toBeNull()
    const verified = await getDb().token.findUniqueOrThrow({ where: { id: started.tokenId } })
    expect(verified.lastTimeStep).toBe(timeStepAt({ timestamp: Date.now() }))
    expect(verified.status).toBe('PENDING')

    const result = await completeEnrollment({ token: link, browser, pin: '4827', pinConfirm: '4827', name: 'Work phone' })
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
    expect(await completeEnrollment({ token: link, browser, pin: '9051', pinConfirm: '9051', name: 'Other' })).toMatchObject({ ok: true, alreadyDone: true })
    const after = await getDb().token.findUniqueOrThrow({ where: { id: active.id } })
    expect(after).toMatchObject({ name: 'Work phone', pinHash: active.pinHash })
  })

  it('counts wrong codes, says how many tries remain, and locks the link at five', async () => {
    const link = await invited('frank')
    const { tokenId, browser } = await begin(link, { platform: 'android' })
    await expect(verifyEnrollmentCode({ token: link, browser, code: 'abcdef' })).rejects.toThrow('Type the 6 digits your app shows')
    await expect(verifyEnrollmentCode({ token: link, browser, code: '１２３４５６' })).rejects.toThrow('Type the 6 digits')
    const secret = await secretShown(link)
    const wrong = String((Number(generateOtp({ type: 'TOTP', secret })) + 1) % 1_000_000).padStart(6, '0')
    const results = []
    for (let i = 0; i < 5; i++) results.push(await verifyEnrollmentCode({ token: link, browser, code: wrong }))
    expect(results.map((r) => (r.verified ? 'ok' : r.remaining))).toEqual([4, 3, 2, 1, 0])
    expect(results[4]).toEqual({ verified: false, remaining: 0, locked: true })
    expect((await resolveInvitationLink({ token: link })).state).toBe('locked')
    expect((await getDb().token.findUniqueOrThrow({ where: { id: tokenId } })).status).toBe('REVOKED')
    // Even the right code is refused now.
    await expect(verifyEnrollmentCode({ token: link, browser, code: generateOtp({ type: 'TOTP', secret }) })).rejects.toThrow('can no longer be used')
  })

  it('explains every PIN and name problem at once, and changes nothing', async () => {
    const link = await invited('gina')
    const { tokenId, browser } = await begin(link, { platform: 'windows' })
    await expect(completeEnrollment({ token: link, browser, pin: '4827', pinConfirm: '4827', name: 'x' })).rejects.toThrow('Type a code from your app first')
    await verifyEnrollmentCode({ token: link, browser, code: generateOtp({ type: 'TOTP', secret: await secretShown(link) }) })

    const attempt = (pin: string, pinConfirm: string, name = 'Phone') => completeEnrollment({ token: link, browser, pin, pinConfirm, name })
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
    const one = await begin(first)
    const firstSecret = await secretShown(first)
    await verifyEnrollmentCode({ token: first, browser: one.browser, code: generateOtp({ type: 'TOTP', secret: firstSecret }) })
    await completeEnrollment({ token: first, browser: one.browser, pin: '4827', pinConfirm: '4827', name: 'Old phone' })

    const second = await invited('hugo')
    const { tokenId, browser } = await begin(second)
    await verifyEnrollmentCode({ token: second, browser, code: generateOtp({ type: 'TOTP', secret: await secretShown(second) }) })
    const hugo = await getDb().user.findUniqueOrThrow({ where: { username: 'hugo' } })
    expect(await getDb().token.count({ where: { userId: hugo.id, status: 'ACTIVE' } })).toBe(1)

    const both = await Promise.all([
      completeEnrollment({ token: second, browser, pin: '5938', pinConfirm: '5938', name: 'New phone' }),
      completeEnrollment({ token: second, browser, pin: '6049', pinConfirm: '6049', name: 'Other tab' }),
    ])
    expect(both.filter((r) => r.ok && !r.alreadyDone)).toHaveLength(1)
    const active = await getDb().token.findMany({ where: { userId: hugo.id, status: 'ACTIVE' } })
    expect(active.map((t) => t.id)).toEqual([tokenId])
    expect(await getDb().token.count({ where: { userId: hugo.id, status: 'REVOKED' } })).toBe(1)
    expect(await getDb().outboxMessage.count({ where: { to: 'hugo@example.com', template: 'token-enrolled' } })).toBe(2)
    // The replacement is told plainly, with what to do if it was not them, and audited with both serials.
    const mail = await getDb().outboxMessage.findFirstOrThrow({ where: { to: 'hugo@example.com', template: 'token-enrolled' }, orderBy: { createdAt: 'desc' } })
    const oldToken = await getDb().token.findFirstOrThrow({ where: { userId: hugo.id, status: 'REVOKED' } })
    const newToken = active[0]!
    expect(readMailBody({ message: mail }).text).toMatch(new RegExp(`It replaces "Old phone" \\(serial ${oldToken.serial}\\), which no longer works`))
    expect(readMailBody({ message: mail }).text).toContain("If this wasn't you, someone else now holds your sign-in token")
    const replaced = await getDb().auditEvent.findFirstOrThrow({ where: { action: 'token.replaced', subjectId: oldToken.id } })
    expect(JSON.parse(replaced.details!)).toMatchObject({ oldSerial: oldToken.serial, newSerial: newToken.serial })
  })

  it('refuses an expired link mid-way and keeps the pending token pending', async () => {
    const link = await invited('ivan')
    const { tokenId, browser } = await begin(link, { platform: 'linux' })
    await verifyEnrollmentCode({ token: link, browser, code: generateOtp({ type: 'TOTP', secret: await secretShown(link) }) })
    const settings = await getSettings()
    const later = new Date(Date.now() + settings.invitationTtlHours * 3600_000 + 1000)
    await expect(completeEnrollment({ token: link, browser, pin: '4827', pinConfirm: '4827', name: 'Phone', now: later })).rejects.toThrow('can no longer be used')
    expect((await getDb().token.findUniqueOrThrow({ where: { id: tokenId } })).status).toBe('PENDING')
  })

  it('binds the enrollment to the browser that pressed Start; another browser may only start again, which discards the old secret', async () => {
    const link = await invited('jade')
    const a = await begin(link)
    const secretA = await secretShown(link)
    for (const other of [null, 'not-the-cookie', a.browser.slice(0, -1)]) expect(await step(link, other)).toBe('elsewhere')
    await expect(startEnrollment({ token: link, browser: null, platform: 'ios' })).rejects.toThrow('This setup was started on another device or browser.')
    const code = generateOtp({ type: 'TOTP', secret: secretA })
    await expect(verifyEnrollmentCode({ token: link, browser: null, code })).rejects.toThrow('started on another device or browser')
    await expect(completeEnrollment({ token: link, browser: 'x', pin: '4827', pinConfirm: '4827', name: 'P' })).rejects.toThrow('started on another device')

    // Start again here: a fresh token and secret for this browser; the first is gone.
    const b = await begin(link, { restart: true })
    expect(b).toMatchObject({ created: true })
    expect(b.browser).not.toBe(a.browser)
    expect(b.tokenId).not.toBe(a.tokenId)
    expect(await getDb().token.findUnique({ where: { id: a.tokenId } })).toBeNull()
    expect(await secretShown(link)).not.toBe(secretA)
    expect(await step(link, a.browser)).toBe('elsewhere')
    expect(await step(link, b.browser)).toBe('add')
    await expect(verifyEnrollmentCode({ token: link, browser: a.browser, code })).rejects.toThrow('started on another device')
    expect(await getDb().auditEvent.count({ where: { action: 'token.discarded', subjectId: a.tokenId } })).toBe(1)

    // Each display of a secret is audited.
    const resolved = await resolveInvitationLink({ token: link, browser: b.browser })
    await readEnrollmentKey({ tokenId: b.tokenId, issuer: 'Acme', accountName: 'jade', shownTo: { actor: { type: 'USER', id: resolved.user!.id, label: 'jade' }, context: { ip: '203.0.113.5' } } })
    const shown = await getDb().auditEvent.findFirstOrThrow({ where: { action: 'token.secret-shown', subjectId: b.tokenId } })
    expect(shown.ip).toBe('203.0.113.5')
  })

  it('asks for a passcode of the working token before a self-requested link may replace it, and counts wrong ones', async () => {
    // Kim has a working token (PIN 4827) from a link the helpdesk sent.
    const first = await invited('kim')
    const one = await begin(first)
    const secret = await secretShown(first)
    await verifyEnrollmentCode({ token: first, browser: one.browser, code: generateOtp({ type: 'TOTP', secret }) })
    await completeEnrollment({ token: first, browser: one.browser, pin: '4827', pinConfirm: '4827', name: 'Phone' })

    // Someone asks for a link in Kim's name.
    await requestEnrollmentLink({ input: { identifier: 'kim' }, context: { ip: '198.51.100.9' } })
    await processEnrollmentRequests()
    const message = await getDb().outboxMessage.findFirstOrThrow({ where: { to: 'kim@example.com', template: 'enrollment-link-requested' } })
    const requested = /\/enroll\/([A-Za-z0-9_-]{43})/.exec(readMailBody({ message }).text)![1]!
    const start = (passcode?: string, restart = false) => startEnrollment({ token: requested, browser: null, platform: 'ios', passcode, restart })

    await expect(start()).rejects.toThrow('Type a passcode: your PIN followed by the code your app shows now.')
    expect(await start(`1111${generateOtp({ type: 'TOTP', secret })}`)).toEqual({ ok: false, error: 'proof', remaining: 4, locked: false })
    const kimToken = await getDb().token.findFirstOrThrow({ where: { user: { username: 'kim' }, status: 'ACTIVE' } })
    expect(kimToken.failedAttempts).toBe(1) // counts toward the token's lockout, as at the gateway
    expect(await getDb().token.count({ where: { user: { username: 'kim' }, status: 'PENDING' } })).toBe(0) // nothing started

    // The right passcode (the app's next code: the current one was used at the check step).
    const passcode = `4827 ${generateOtp({ type: 'TOTP', secret, timestamp: Date.now() + 30_000 })}`
    const started = await start(passcode)
    expect(started).toMatchObject({ ok: true, created: true })
    const invitation = await getDb().enrollmentInvitation.findFirstOrThrow({ where: { selfRequested: true, user: { username: 'kim' } } })
    expect(invitation.proofAt).not.toBeNull()
    // The code was used up: the same passcode never works again, here or at the gateway.
    expect((await getDb().token.findUniqueOrThrow({ where: { id: kimToken.id } })).lastTimeStep).toBe(timeStepAt({ timestamp: Date.now() + 30_000 }))
    // Starting again in another browser asks for the proof again.
    expect(await start(passcode, true)).toMatchObject({ ok: false, error: 'proof' })
    expect(await getDb().auditEvent.count({ where: { action: 'enrollment.proof-accepted', subjectId: invitation.userId } })).toBe(1)
  })

  it('locks a self-requested link after five wrong passcodes; links from staff need no proof', async () => {
    const first = await invited('lena')
    const one = await begin(first)
    const secret = await secretShown(first)
    await verifyEnrollmentCode({ token: first, browser: one.browser, code: generateOtp({ type: 'TOTP', secret }) })
    await completeEnrollment({ token: first, browser: one.browser, pin: '4827', pinConfirm: '4827', name: 'Phone' })
    await requestEnrollmentLink({ input: { identifier: 'lena@example.com' }, context: { ip: '198.51.100.10' } })
    await processEnrollmentRequests()
    const message = await getDb().outboxMessage.findFirstOrThrow({ where: { to: 'lena@example.com', template: 'enrollment-link-requested' } })
    const requested = /\/enroll\/([A-Za-z0-9_-]{43})/.exec(readMailBody({ message }).text)![1]!
    const results = []
    for (let i = 0; i < 5; i++) results.push(await startEnrollment({ token: requested, browser: null, platform: 'ios', passcode: `99${i}9123456` }))
    expect(results.map((r) => (r.ok ? 'ok' : r.remaining))).toEqual([4, 3, 2, 1, 0])
    expect((await resolveInvitationLink({ token: requested })).state).toBe('locked')

    // The helpdesk decided: its link starts without a passcode.
    const staff = await invited('lena')
    expect(await begin(staff)).toMatchObject({ ok: true, created: true })
  })

  it('completing one link revokes the user’s other live links and deletes their unfinished tokens', async () => {
    const staff = await invited('mona')
    await requestEnrollmentLink({ input: { identifier: 'mona' }, context: { ip: '198.51.100.11' } })
    await processEnrollmentRequests()
    const message = await getDb().outboxMessage.findFirstOrThrow({ where: { to: 'mona@example.com', template: 'enrollment-link-requested' } })
    const requested = /\/enroll\/([A-Za-z0-9_-]{43})/.exec(readMailBody({ message }).text)![1]!
    // Both links were started (two devices), the requested one is finished.
    const onStaff = await begin(staff)
    const onRequested = await begin(requested)
    await verifyEnrollmentCode({ token: requested, browser: onRequested.browser, code: generateOtp({ type: 'TOTP', secret: await secretShown(requested) }) })
    await completeEnrollment({ token: requested, browser: onRequested.browser, pin: '4827', pinConfirm: '4827', name: 'Phone' })
    expect((await resolveInvitationLink({ token: staff })).state).toBe('revoked')
    expect(await getDb().token.findUnique({ where: { id: onStaff.tokenId } })).toBeNull()
  })
})
