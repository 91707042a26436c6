import { afterAll, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { disconnectDb, getDb } from '@/lib/db'
import { addUser } from '@/lib/users'
import { addExclusionRule, changeExclusionRule, checkExclusionInput, getExclusionMatcher, listExclusionRules, matchExclusion } from '.'

setUpTempDatabase()
afterAll(() => disconnectDb())

const now = new Date('2026-11-28T12:00:00Z')
const admin = { type: 'STAFF' as const, id: 'staff-1', label: 'root' }
const audit = (action: string) => getDb().auditEvent.findMany({ where: { action }, orderBy: { at: 'asc' } })

describe('exclusion rules', () => {
  it('are none by default', async () => {
    expect(await listExclusionRules()).toEqual([])
    expect((await getExclusionMatcher(now)).size).toBe(0)
  })

  it('are added in canonical form, audited with who and what, and match at once', async () => {
    const rule = await addExclusionRule({ input: { kind: 'CLIENT_ADDRESS', value: '2001:0DB8::/32', description: 'Lab network', expires: '2026-12-31' }, actor: admin, context: { ip: '192.0.2.1' }, now })
    expect(rule).toMatchObject({ value: '2001:db8::/32', enabled: true, expiresAt: new Date('2027-01-01T00:00:00Z'), createdBy: 'root' })
    const [event] = await audit('exclusion.created')
    expect(event).toMatchObject({ actorType: 'STAFF', actorLabel: 'root', subjectId: rule.id, ip: '192.0.2.1' })
    expect(JSON.parse(event!.details!)).toMatchObject({ kind: 'CLIENT_ADDRESS', value: '2001:db8::/32', description: 'Lab network', enabled: true })
    const matched = matchExclusion(await getExclusionMatcher(now), { username: 'x', clientName: 'vpn', address: '2001:db8::7', now })
    expect(matched?.id).toBe(rule.id)
  })

  it('refuse bad input per field, a past expiry and a duplicate, and write nothing', async () => {
    const before = await getDb().exclusionRule.count()
    expect(checkExclusionInput({ kind: 'CLIENT_ADDRESS', value: '10.0.0.0/33', description: '' }, now)).toEqual({
      ok: false,
      errors: { value: [expect.stringContaining('prefix length')], description: ['Say why this exclusion exists'] },
    })
    expect(checkExclusionInput({ kind: 'USER', value: 'jdoe', description: 'x', expires: '2026-11-01' }, now)).toMatchObject({ ok: false, errors: { expires: [expect.stringContaining('past')] } })
    expect(checkExclusionInput({ kind: 'USER', value: 'jdoe', description: 'x', expires: 'tomorrow' }, now)).toMatchObject({ ok: false, errors: { expires: [expect.any(String)] } })
    expect(checkExclusionInput({ kind: 'NOPE' as 'USER', value: 'jdoe', description: 'x' }, now)).toMatchObject({ ok: false, errors: { kind: [expect.any(String)] } })
    await expect(addExclusionRule({ input: { kind: 'CLIENT_ADDRESS', value: '10.1.2.3/8', description: 'x' }, actor: admin, now })).rejects.toThrow('did you mean 10.0.0.0/8?')
    await expect(addExclusionRule({ input: { kind: 'CLIENT_ADDRESS', value: '2001:db8::/32', description: 'again' }, actor: admin, now })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' })
    expect(await getDb().exclusionRule.count()).toBe(before)
  })

  it('match group members and stop matching when disabled; removal is audited with the old rule', async () => {
    await addUser({ input: { username: 'kiosk-1', email: 'k1@example.com', groups: ['Kiosks'] }, actor: CLI_ACTOR })
    const rule = await addExclusionRule({ input: { kind: 'GROUP', value: 'Kiosks', description: 'Shared terminals' }, actor: CLI_ACTOR, now })
    const request = { username: 'kiosk-1', clientName: 'vpn', address: null, now }
    expect(matchExclusion(await getExclusionMatcher(now), request)?.id).toBe(rule.id)

    await changeExclusionRule({ id: rule.id, change: 'disable', actor: admin })
    expect(matchExclusion(await getExclusionMatcher(now), request)).toBeNull()
    expect(JSON.parse((await audit('exclusion.disabled'))[0]!.details!)).toMatchObject({ 'old.enabled': true, 'new.enabled': false, 'old.value': 'kiosks' })
    expect((await listExclusionRules({ now })).find((r) => r.id === rule.id)?.status).toBe('disabled')

    await changeExclusionRule({ id: rule.id, change: 'enable', actor: admin })
    expect(matchExclusion(await getExclusionMatcher(now), request)?.id).toBe(rule.id)
    await changeExclusionRule({ id: rule.id, change: 'remove', actor: admin })
    expect(matchExclusion(await getExclusionMatcher(now), request)).toBeNull()
    expect(JSON.parse((await audit('exclusion.removed'))[0]!.details!)).toMatchObject({ kind: 'GROUP', value: 'kiosks', description: 'Shared terminals' })
    await expect(changeExclusionRule({ id: rule.id, change: 'enable', actor: admin })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('list expired rules as expired', async () => {
    const rule = await addExclusionRule({ input: { kind: 'USER', value: 'temp', description: 'Until tomorrow', expires: '2026-11-28' }, actor: admin, now })
    expect((await listExclusionRules({ now })).find((r) => r.id === rule.id)?.status).toBe('active')
    expect((await listExclusionRules({ now: new Date('2026-11-29T00:00:00Z') })).find((r) => r.id === rule.id)?.status).toBe('expired')
  })
})
