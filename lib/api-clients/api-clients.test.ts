import { afterAll, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { disconnectDb, getDb } from '@/lib/db'
import { authenticateApiClient, changeApiClientAddresses, createApiClient, isAddressAllowed, listApiClients, parseAllowedAddresses, revokeApiClient } from '.'

setUpTempDatabase()
afterAll(() => disconnectDb())

const row = (id: string) => getDb().apiClient.findUniqueOrThrow({ where: { id } })
const audit = (action: string, subjectId: string) => getDb().auditEvent.findMany({ where: { action, subjectId }, orderBy: { at: 'asc' } })

describe('API clients', () => {
  it('authenticates a bearer key by its keyed hash and records last use (time and address) at most once a minute', async () => {
    const { key, id } = await createApiClient({ name: 'rdgw', actor: CLI_ACTOR })
    const t0 = new Date('2026-11-24T12:00:00Z')
    expect(await authenticateApiClient({ authorization: `Bearer ${key}`, address: '192.0.2.10', now: t0 })).toEqual({ id, name: 'rdgw' })
    expect(await row(id)).toMatchObject({ lastUsedAt: t0, lastUsedAddress: '192.0.2.10' })
    // Within the minute: no write, even from another address.
    await authenticateApiClient({ authorization: `Bearer ${key}`, address: '192.0.2.11', now: new Date(t0.getTime() + 30_000) })
    expect(await row(id)).toMatchObject({ lastUsedAt: t0, lastUsedAddress: '192.0.2.10' })
    await authenticateApiClient({ authorization: `Bearer ${key}`, address: '2001:db8::7', now: new Date(t0.getTime() + 61_000) })
    expect(await row(id)).toMatchObject({ lastUsedAt: new Date(t0.getTime() + 61_000), lastUsedAddress: '2001:db8::7' })
    expect((await row(id)).keyHash).not.toContain(key.slice(3))
  })

  it('refuses missing, malformed, unknown and revoked keys', async () => {
    const { key, id } = await createApiClient({ name: 'vpn', actor: CLI_ACTOR })
    for (const authorization of [null, '', key, `Basic ${key}`, `Bearer ${key} `, `Bearer ${key.slice(0, -1)}x`, `Bearer tp_short`]) {
      expect(await authenticateApiClient({ authorization }), String(authorization)).toBeNull()
    }
    expect(await authenticateApiClient({ authorization: `Bearer ${key}` })).not.toBeNull()
    await revokeApiClient({ name: 'vpn', actor: CLI_ACTOR })
    // Refused from the next request: the key is looked up every time, nothing cached.
    expect(await authenticateApiClient({ authorization: `Bearer ${key}` })).toBeNull()
    // The name is free again; the revoked row stays for the audit trail.
    await expect(createApiClient({ name: 'vpn', actor: CLI_ACTOR })).resolves.toMatchObject({ name: 'vpn' })
    expect((await listApiClients()).filter((c) => c.revokedAt)).toHaveLength(1)
    expect(await audit('apikey.revoked', id)).toHaveLength(1)
    await expect(revokeApiClient({ name: 'ghost', actor: CLI_ACTOR })).rejects.toThrow('No active API client named ghost')
    // By id (the admin page): a revoked client cannot be revoked twice.
    await expect(revokeApiClient({ id, actor: CLI_ACTOR })).rejects.toThrow('No such active API client')
  })

  it('refuses a key used from outside its allowed addresses like a bad key, and audits it', async () => {
    const { key, id } = await createApiClient({ name: 'lab', allowedAddresses: '10.0.0.0/8, 2001:db8::/32', actor: CLI_ACTOR })
    const use = (address: string | null) => authenticateApiClient({ authorization: `Bearer ${key}`, address })
    expect(await use('10.1.2.3')).toEqual({ id, name: 'lab' })
    expect(await use('::ffff:10.1.2.3')).toEqual({ id, name: 'lab' })
    expect(await use('2001:db8:1::9')).toEqual({ id, name: 'lab' })
    expect(await use('11.0.0.1')).toBeNull()
    expect(await use('2001:db9::1')).toBeNull()
    expect(await use(null)).toBeNull()
    const refused = await audit('apikey.refused', id)
    expect(refused.map((e) => e.ip)).toEqual(['11.0.0.1', '2001:db9::1', null])
    expect(JSON.parse(refused[0]!.details!)).toMatchObject({ reason: 'address-not-allowed' })
    expect(refused[0]!.details).not.toContain(key)

    // Changed: from the next request on, audited with before and after.
    await changeApiClientAddresses({ id, allowedAddresses: '127.0.0.1', actor: CLI_ACTOR })
    expect(await use('10.1.2.3')).toBeNull()
    expect(await use('127.0.0.1')).toEqual({ id, name: 'lab' })
    await changeApiClientAddresses({ id, allowedAddresses: '', actor: CLI_ACTOR })
    expect(await use('203.0.113.5')).toEqual({ id, name: 'lab' })
    const changes = await audit('apikey.addresses-changed', id)
    expect(changes.map((e) => JSON.parse(e.details!))).toEqual([
      { before: '10.0.0.0/8 2001:db8::/32', after: '127.0.0.1/32' },
      { before: '127.0.0.1/32', after: 'anywhere' },
    ])
    await expect(changeApiClientAddresses({ id, allowedAddresses: '10.0.0.0/33', actor: CLI_ACTOR })).rejects.toThrow('The prefix length after "/" must be a number from 0 to 32')
    expect((await row(id)).allowedAddresses).toBe('')
  })

  it('refuses a bad name or range at creation and writes nothing', async () => {
    const before = await getDb().apiClient.count()
    await expect(createApiClient({ name: '', actor: CLI_ACTOR })).rejects.toThrow('Give the API client a name')
    await expect(createApiClient({ name: 'gw', allowedAddresses: '10.0.0.0/33', actor: CLI_ACTOR })).rejects.toThrow('The prefix length after "/" must be a number from 0 to 32')
    await createApiClient({ name: 'dup', actor: CLI_ACTOR })
    await expect(createApiClient({ name: 'dup', actor: CLI_ACTOR })).rejects.toThrow('An API client named dup already exists')
    expect(await getDb().apiClient.count()).toBe(before + 1)
  })
})

describe('allowed addresses', () => {
  it('parses IPv4, IPv6 and mapped ranges into one canonical list', () => {
    expect(parseAllowedAddresses('')).toEqual({ ok: true, stored: '', ranges: [] })
    expect(parseAllowedAddresses(' 192.0.2.0/24,2001:DB8::/32\n198.51.100.7  ::ffff:10.0.0.0/104, 192.0.2.0/24')).toEqual({
      ok: true,
      stored: '192.0.2.0/24 2001:db8::/32 198.51.100.7/32 10.0.0.0/8',
      ranges: ['192.0.2.0/24', '2001:db8::/32', '198.51.100.7/32', '10.0.0.0/8'],
    })
    expect(parseAllowedAddresses('10.0.0.0/33')).toEqual({ ok: false, message: 'The prefix length after "/" must be a number from 0 to 32' })
    expect(parseAllowedAddresses('10.1.2.3/8')).toMatchObject({ ok: false, message: expect.stringContaining('did you mean 10.0.0.0/8?') })
    expect(parseAllowedAddresses('gateway.example')).toMatchObject({ ok: false, message: expect.stringContaining('is not an IPv4 or IPv6 address') })
    expect(parseAllowedAddresses(Array.from({ length: 51 }, (_, i) => `10.0.0.${i}`).join(','))).toMatchObject({ ok: false, message: 'At most 50 addresses or ranges; use wider ranges' })
    expect(parseAllowedAddresses(`10.0.0.0/8${' '.repeat(2500)}`)).toMatchObject({ ok: false, message: 'At most 2500 characters; use fewer, wider ranges' })
  })

  it('matches v4, v6 and v4-mapped v6; an empty list is anywhere', () => {
    expect(isAddressAllowed('', '203.0.113.9')).toBe(true)
    expect(isAddressAllowed('', null)).toBe(true)
    const list = '192.0.2.0/24 2001:db8::/32'
    expect(isAddressAllowed(list, '192.0.2.200')).toBe(true)
    expect(isAddressAllowed(list, '192.0.3.1')).toBe(false)
    expect(isAddressAllowed(list, '::ffff:192.0.2.1')).toBe(true)
    expect(isAddressAllowed(list, '::ffff:192.0.3.1')).toBe(false)
    expect(isAddressAllowed(list, '2001:db8:ffff::1')).toBe(true)
    expect(isAddressAllowed(list, '2001:db9::1')).toBe(false)
    // An IPv4 range never matches IPv6, nor the reverse; garbage and no address are refused.
    expect(isAddressAllowed('0.0.0.0/0', '2001:db8::1')).toBe(false)
    expect(isAddressAllowed('::/0', '192.0.2.1')).toBe(false)
    expect(isAddressAllowed(list, 'not-an-ip')).toBe(false)
    expect(isAddressAllowed(list, null)).toBe(false)
  })
})
