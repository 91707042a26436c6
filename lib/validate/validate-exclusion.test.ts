import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { disconnectDb, getDb } from '@/lib/db'
import { addExclusionRule, changeExclusionRule } from '@/lib/exclusions'
import { forgetCachedSettings } from '@/lib/settings'
import { addUser } from '@/lib/users'
import { validatePasscode } from './validate-passcode'

setUpTempDatabase()
afterAll(() => disconnectDb())
beforeEach(() => forgetCachedSettings())

const client = { id: 'client-1', name: 'vpn' }
const now = new Date('2026-11-28T12:00:00Z')
const check = (username: string, { ip = '203.0.113.9', passcode = '0000000000', clientName = 'vpn', at = now } = {}) =>
  validatePasscode({ username, passcode, client: { ...client, name: clientName }, context: { ip, userAgent: 'test' }, now: at })
const lastEvent = async () => getDb().auditEvent.findFirstOrThrow({ where: { action: { startsWith: 'validate.' } }, orderBy: { at: 'desc' } })

describe('validatePasscode with MFA exclusion rules', () => {
  it('rejects a wrong passcode while there are no rules', async () => {
    await addUser({ input: { username: 'jdoe', email: 'jdoe@example.com' }, actor: CLI_ACTOR })
    const outcome = await check('jdoe')
    expect(outcome.result).toBe('reject')
    expect(outcome.exclusionRuleId).toBeUndefined()
    expect((await lastEvent()).action).toBe('validate.rejected')
  })

  it('accepts any passcode under a user rule, audited as validate.excluded with the rule', async () => {
    const rule = await addExclusionRule({ input: { kind: 'USER', value: 'jdoe', description: 'Service account' }, actor: CLI_ACTOR, now })
    expect(await check('JDoe', { passcode: '' })).toEqual({ result: 'accept', reason: 'excluded', exclusionRuleId: rule.id })
    const event = await lastEvent()
    expect(event).toMatchObject({ action: 'validate.excluded', actorType: 'API_CLIENT', actorLabel: 'vpn', subjectLabel: 'jdoe', ip: '203.0.113.9' })
    expect(JSON.parse(event.details!)).toMatchObject({ ruleId: rule.id, ruleKind: 'USER', ruleValue: 'jdoe', client: 'vpn' })
    // Disabled: back to the passcode.
    await changeExclusionRule({ id: rule.id, change: 'disable', actor: CLI_ACTOR })
    expect(await check('jdoe')).toMatchObject({ result: 'reject' })
  })

  it('accepts under an address or API client rule only for an existing, active user', async () => {
    const address = await addExclusionRule({ input: { kind: 'CLIENT_ADDRESS', value: '198.51.100.0/24', description: 'Office' }, actor: CLI_ACTOR, now })
    const gateway = await addExclusionRule({ input: { kind: 'API_CLIENT', value: 'lab-gw', description: 'Lab', expires: '2026-11-28' }, actor: CLI_ACTOR, now })
    expect(await check('jdoe', { ip: '::ffff:198.51.100.20' })).toMatchObject({ result: 'accept', exclusionRuleId: address.id })
    expect(await check('jdoe', { clientName: 'lab-gw' })).toMatchObject({ result: 'accept', exclusionRuleId: gateway.id })
    expect(await check('nobody', { ip: '198.51.100.20' })).toMatchObject({ result: 'reject', reason: 'unknown-user' })
    expect(await check('nobody', { clientName: 'lab-gw' })).toMatchObject({ result: 'reject', reason: 'unknown-user' })
    await getDb().user.update({ where: { username: 'jdoe' }, data: { status: 'DISABLED' } })
    expect(await check('jdoe', { ip: '198.51.100.20' })).toMatchObject({ result: 'reject', reason: 'user-disabled' })
    await getDb().user.update({ where: { username: 'jdoe' }, data: { status: 'ACTIVE' } })
    // The gateway rule expires at the end of 28 November (UTC).
    expect(await check('jdoe', { clientName: 'lab-gw', at: new Date('2026-11-29T00:00:00Z') })).toMatchObject({ result: 'reject' })
    expect(await check('jdoe', { ip: '198.51.101.1' })).toMatchObject({ result: 'reject' })
  })

  it('still rejects a malformed username, whatever the rules', async () => {
    expect(await check('bad name!', { ip: '198.51.100.20' })).toMatchObject({ result: 'reject', reason: 'malformed-username' })
  })
})
