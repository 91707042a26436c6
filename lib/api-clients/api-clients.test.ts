import { afterAll, describe, expect, it } from 'vitest'
import { setUpTempDatabase } from '@/test/temp-database'
import { CLI_ACTOR } from '@/lib/audit'
import { disconnectDb, getDb } from '@/lib/db'
import { authenticateApiClient, createApiClient, listApiClients, revokeApiClient } from '.'

setUpTempDatabase()
afterAll(() => disconnectDb())

describe('API clients', () => {
  it('authenticates a bearer key by its keyed hash and records last use at most once a minute', async () => {
    const { key, id } = await createApiClient({ name: 'rdgw', actor: CLI_ACTOR })
    const t0 = new Date('2026-11-24T12:00:00Z')
    expect(await authenticateApiClient({ authorization: `Bearer ${key}`, now: t0 })).toEqual({ id, name: 'rdgw' })
    await authenticateApiClient({ authorization: `Bearer ${key}`, now: new Date(t0.getTime() + 30_000) })
    expect((await getDb().apiClient.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(t0)
    await authenticateApiClient({ authorization: `Bearer ${key}`, now: new Date(t0.getTime() + 61_000) })
    expect((await getDb().apiClient.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(new Date(t0.getTime() + 61_000))
    expect((await getDb().apiClient.findUniqueOrThrow({ where: { id } })).keyHash).not.toContain(key.slice(3))
  })

  it('refuses missing, malformed, unknown and revoked keys', async () => {
    const { key } = await createApiClient({ name: 'vpn', actor: CLI_ACTOR })
    for (const authorization of [null, '', key, `Basic ${key}`, `Bearer ${key} `, `Bearer ${key.slice(0, -1)}x`, `Bearer tp_short`]) {
      expect(await authenticateApiClient({ authorization }), String(authorization)).toBeNull()
    }
    await revokeApiClient({ name: 'vpn', actor: CLI_ACTOR })
    expect(await authenticateApiClient({ authorization: `Bearer ${key}` })).toBeNull()
    // The name is free again; the revoked row stays for the audit trail.
    await expect(createApiClient({ name: 'vpn', actor: CLI_ACTOR })).resolves.toMatchObject({ name: 'vpn' })
    expect((await listApiClients()).filter((c) => c.revokedAt)).toHaveLength(1)
    await expect(revokeApiClient({ name: 'ghost', actor: CLI_ACTOR })).rejects.toThrow('No active API client named ghost')
  })
})
