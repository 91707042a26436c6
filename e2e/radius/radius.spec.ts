import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { radclient, startFreeRadius } from '../../test/freeradius'
import { currentCode, wrongCode } from '../helpers/enrollment'
import { createApiKey, seedToken } from '../helpers/gateway'
import { portal as portalCli } from '../helpers/portal-cli'
import { queryServerDb } from '../helpers/server-db'
import { startFakePortal } from './fake-portal'
import { expect, test } from './fixtures'

// FreeRADIUS with the shipped configuration (deploy/freeradius) in front of
// the real production server, driven by radclient as a NAS would. Tests run
// in this order in one worker; the last one stops the portal.

// Every answer is signed with a Message-Authenticator (BlastRADIUS); radclient checks it.
const ACCEPT = { code: 'Access-Accept', replyMessage: null, signed: true }
const REJECT = { code: 'Access-Reject', replyMessage: 'Access denied', signed: true }
const NO_ANSWER = { code: null, replyMessage: null, signed: false }
// Long enough for any answer FreeRADIUS would give (a reject leaves 1 s late),
// short enough to keep "no answer" checks quick.
const SILENCE_SECONDS = 3

const validationsAudited = () =>
  queryServerDb<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "AuditEvent" WHERE "action" LIKE 'validate.%'`)!.n

const auditFor = (username: string) =>
  queryServerDb<{ action: string; ip: string | null; details: string } | null>(
    `SELECT "action", "ip", "details" FROM "AuditEvent" WHERE "subjectLabel" = ? AND "action" LIKE 'validate.%' ORDER BY "at" DESC LIMIT 1`,
    username,
  )

test('[RADIUS] right PIN and code: Access-Accept; the same passcode again: Access-Reject with the portal’s message', async ({ radius }) => {
  const token = seedToken('5938')
  const passcode = `5938${currentCode(token.secret)}`
  const attributes = { 'User-Name': token.username, 'User-Password': passcode, 'Calling-Station-Id': '198.51.100.20', 'NAS-IP-Address': '10.0.0.1' }
  expect(await radclient({ radius, attributes })).toEqual(ACCEPT)
  // The user's address from Calling-Station-Id reached the audit log, with the gateway's key name.
  const accepted = auditFor(token.username)!
  expect(accepted).toMatchObject({ action: 'validate.accepted', ip: '198.51.100.20' })
  expect(JSON.parse(accepted.details)).toMatchObject({ reason: 'token', client: radius.keyName })
  expect(accepted.details).not.toContain(passcode)

  expect(await radclient({ radius, attributes })).toEqual(REJECT)
  expect(JSON.parse(auditFor(token.username)!.details)).toMatchObject({ reason: 'replayed' })
})

test('[RADIUS] wrong PIN, wrong code and unknown user: Access-Reject; a MAC in Calling-Station-Id gives way to NAS-IP-Address', async ({ radius }) => {
  const token = seedToken('4827')
  const nobody = `nobody-${randomBytes(3).toString('hex')}`
  const [wrongPin, wrongOtp, unknown] = await Promise.all([
    radclient({ radius, attributes: { 'User-Name': token.username, 'User-Password': `0000${currentCode(token.secret)}`, 'NAS-IP-Address': '10.0.0.1' } }),
    radclient({ radius, attributes: { 'User-Name': token.username, 'User-Password': `4827${wrongCode(token.secret)}`, 'NAS-IP-Address': '10.0.0.1' } }),
    radclient({ radius, attributes: { 'User-Name': nobody, 'User-Password': `4827${currentCode(token.secret)}`, 'Calling-Station-Id': '00:11:22:33:44:55', 'NAS-IP-Address': '10.20.30.40' } }),
  ])
  expect([wrongPin, wrongOtp, unknown]).toEqual([REJECT, REJECT, REJECT])
  // Both wrong passcodes counted as guesses against the token.
  expect(queryServerDb<{ failedAttempts: number }>('SELECT "failedAttempts" FROM "Token" WHERE "id" = ?', token.tokenId).failedAttempts).toBe(2)
  // Unknown usernames are audited masked (people type passcodes into username
  // fields), so the row is found by the address this request alone used.
  const unknownRow = queryServerDb<{ action: string; subjectLabel: string; details: string } | null>(
    `SELECT "action", "subjectLabel", "details" FROM "AuditEvent" WHERE "ip" = ? AND "action" LIKE 'validate.%' ORDER BY "at" DESC LIMIT 1`,
    '10.20.30.40',
  )!
  expect(unknownRow).toMatchObject({ action: 'validate.rejected', subjectLabel: expect.stringMatching(/^no…#/) })
  expect(unknownRow.subjectLabel).not.toContain(nobody)
  expect(JSON.parse(unknownRow.details)).toMatchObject({ reason: 'unknown-user' })
})

test('[RADIUS] an MFA exclusion rule for the user or their address: Access-Accept whatever the password; without it, Access-Reject', async ({ radius }) => {
  const byUser = seedToken('5938')
  const byAddress = seedToken('5938')
  const ask = (username: string, callingStation = '198.51.100.20') =>
    radclient({ radius, attributes: { 'User-Name': username, 'User-Password': 'not-a-passcode', 'Calling-Station-Id': callingStation, 'NAS-IP-Address': '10.0.0.1' } })
  const add = (option: string, value: string) => JSON.parse(portalCli(['exclusion', 'add', option, value, '--description', 'radius test', '--json']).stdout) as { id: string }
  const userRule = add('--user', byUser.username)
  const addressRule = add('--address', '192.0.2.77/32')
  // The CLI's change reaches the server within the rules' refresh (2 s).
  await expect.poll(() => ask(byUser.username), { timeout: 10_000 }).toEqual(ACCEPT)
  expect(JSON.parse(auditFor(byUser.username)!.details)).toMatchObject({ reason: 'excluded', ruleId: userRule.id })
  expect(await ask(byAddress.username, '192.0.2.77')).toEqual(ACCEPT)
  expect(JSON.parse(auditFor(byAddress.username)!.details)).toMatchObject({ reason: 'excluded', ruleId: addressRule.id, ruleKind: 'CLIENT_ADDRESS' })
  expect(await ask(byAddress.username, '192.0.2.78')).toEqual(REJECT)

  for (const rule of [userRule, addressRule]) expect(portalCli(['exclusion', 'remove', rule.id]).code).toBe(0)
  await expect.poll(() => ask(byUser.username), { timeout: 10_000 }).toEqual(REJECT)
})

test('[RADIUS] a locked token: Access-Reject, even for the right PIN and code', async ({ radius }) => {
  const token = seedToken('4827')
  const wrong = Array.from({ length: 10 }, () => radclient({ radius, attributes: { 'User-Name': token.username, 'User-Password': `1111${currentCode(token.secret)}` } }))
  expect(await Promise.all(wrong)).toEqual(Array.from({ length: 10 }, () => REJECT))
  expect(queryServerDb<{ lockedAt: string | null }>('SELECT "lockedAt" FROM "Token" WHERE "id" = ?', token.tokenId).lockedAt).not.toBeNull()
  expect(await radclient({ radius, attributes: { 'User-Name': token.username, 'User-Password': `4827${currentCode(token.secret)}` } })).toEqual(REJECT)
  expect(JSON.parse(auditFor(token.username)!.details)).toMatchObject({ reason: 'locked' })
})

test('[RADIUS] CHAP is rejected and an unsigned request dropped, without asking the portal; Status-Server is answered while the portal answers', async ({ radius }) => {
  const token = seedToken('4827')
  const username = `chap-${randomBytes(3).toString('hex')}`
  const checksBefore = validationsAudited()
  const [chap, unsigned, status] = await Promise.all([
    radclient({ radius, attributes: { 'User-Name': username, 'CHAP-Password': '0x01aabbccddeeff00112233445566778899' } }),
    radclient({ radius, attributes: { 'User-Name': token.username, 'User-Password': `4827${currentCode(token.secret)}` }, messageAuthenticator: false, timeoutSeconds: SILENCE_SECONDS }),
    radclient({ radius, attributes: {}, command: 'status' }),
  ])
  expect(chap).toEqual(REJECT)
  // Without a Message-Authenticator the request is dropped (BlastRADIUS): no answer.
  expect(unsigned).toEqual(NO_ANSWER)
  // Neither reached the portal: no validation of any username was audited
  // (unknown ones are audited masked, so count them all; tests run one at a time).
  expect(validationsAudited()).toBe(checksBefore)
  expect(status.code).toBe('Access-Accept')
})

test('[RADIUS] a revoked API key: no answer (the NAS fails over), never a reject for everyone', async ({ portal }) => {
  const gateway = createApiKey('radius-revoked')
  const radius = await startFreeRadius({ portalUrl: portal.baseURL, apiKey: gateway.key })
  try {
    const token = seedToken('4827')
    const attributes = { 'User-Name': token.username, 'User-Password': `4827${currentCode(token.secret)}` }
    expect((await radclient({ radius, attributes: {}, command: 'status' })).code).toBe('Access-Accept')
    expect(portalCli(['apikey', 'revoke', gateway.name]).code).toBe(0)
    const answers = await Promise.all([
      radclient({ radius, attributes, timeoutSeconds: SILENCE_SECONDS }),
      radclient({ radius, attributes: {}, command: 'status', timeoutSeconds: SILENCE_SECONDS }),
    ])
    expect(answers).toEqual([NO_ANSWER, NO_ANSWER])
    // The passcode was never looked at: nothing about this user in the audit log.
    expect(auditFor(token.username)).toBeNull()
  } finally {
    await radius.stop()
  }
})

test('[RADIUS] what the portal answers decides: only 200 "accept" accepts; errors, timeouts and refusals get no answer', async () => {
  test.setTimeout(90_000)
  const fake = await startFakePortal()
  const key = `tp_${randomBytes(32).toString('base64url')}`
  // Two seconds for the portal to answer ("hang" runs into it): enough for a
  // loaded machine to answer all the others in time.
  const portalTimeout = 2
  const radius = await startFreeRadius({ portalUrl: fake.baseURL, apiKey: key, timeoutSeconds: portalTimeout })
  try {
    const ask = (passcode: string) => radclient({ radius, attributes: { 'User-Name': 'jdoe', 'User-Password': passcode }, timeoutSeconds: portalTimeout + SILENCE_SECONDS })
    const cases: [string, unknown][] = [
      ['accept', ACCEPT],
      ['reject-custom', { ...REJECT, replyMessage: 'Your token is locked; call the helpdesk' }],
      ['accepted-typo', REJECT],
      ['accept-as-html', REJECT],
      ['empty-200', REJECT],
      ['status-400', REJECT],
      ['status-429', { ...REJECT, replyMessage: 'Too many attempts; wait a minute and try again' }],
      ['status-401', NO_ANSWER],
      ['status-403', NO_ANSWER],
      ['status-302', NO_ANSWER],
      ['status-500', NO_ANSWER],
      ['status-503', NO_ANSWER],
      ['hang', NO_ANSWER],
    ]
    const answers = await Promise.all(cases.map(([passcode]) => ask(passcode)))
    expect(Object.fromEntries(cases.map(([passcode], i) => [passcode, answers[i]]))).toEqual(Object.fromEntries(cases))

    // What the portal receives is the API's own JSON, every value intact
    // however it is spelled: quotes, backslashes, slashes, braces, percent signs.
    const username = 'o"brien\\x/y'
    const passcode = 'p"a\\s/s{w}%{User-Name}rd'
    const tricky = await radclient({ radius, attributes: { 'User-Name': username, 'User-Password': passcode, 'Calling-Station-Id': '2001:db8::7' } })
    expect(tricky).toEqual(REJECT)
    const seen = fake.seen.find((r) => (r.body as { username?: string }).username === username)
    expect(seen).toEqual({ method: 'POST', url: '/api/v1/validate', authorization: `Bearer ${key}`, contentType: 'application/json', body: { username, passcode, clientIp: '2001:db8::7' } })
  } finally {
    await radius.stop()
    await fake.stop()
  }
})

test('[RADIUS] the launcher refuses a missing or malformed environment, naming each variable and no value', () => {
  const launcher = path.join(process.cwd(), 'deploy', 'freeradius', 'portal-radius')
  const secretLooking = 'short"secret'
  const result = spawnSync(launcher, [], {
    env: { NODE_ENV: 'production', PATH: process.env.PATH ?? '', PORTAL_URL: 'ftp://portal', PORTAL_API_KEY: 'tp_short', RADIUS_SECRET: secretLooking, RADIUS_PORT: '99999', PORTAL_TIMEOUT: '60' },
    encoding: 'utf8',
  })
  expect(result.status).toBe(1)
  for (const name of ['PORTAL_URL', 'PORTAL_API_KEY', 'RADIUS_SECRET', 'RADIUS_CLIENTS', 'RADIUS_PORT', 'PORTAL_TIMEOUT']) expect(result.stderr).toContain(name)
  expect(result.stderr).not.toContain(secretLooking)
  expect(result.stderr).not.toContain('tp_short')
  expect(result.stdout).toBe('')
})

test('[RADIUS] with the portal stopped: no answer to Access-Request or Status-Server, while FreeRADIUS still answers what it decides alone', async ({ portal, radius }) => {
  const before = seedToken('4827')
  const after = seedToken('4827')
  expect(await radclient({ radius, attributes: { 'User-Name': before.username, 'User-Password': `4827${currentCode(before.secret)}` } })).toEqual(ACCEPT)
  await portal.stop()
  const [request, status, withoutPassword] = await Promise.all([
    radclient({ radius, attributes: { 'User-Name': after.username, 'User-Password': `4827${currentCode(after.secret)}` }, timeoutSeconds: SILENCE_SECONDS }),
    radclient({ radius, attributes: {}, command: 'status', timeoutSeconds: SILENCE_SECONDS }),
    radclient({ radius, attributes: { 'User-Name': after.username } }),
  ])
  expect(request).toEqual(NO_ANSWER)
  expect(status).toEqual(NO_ANSWER)
  expect(withoutPassword).toEqual(REJECT)
})
