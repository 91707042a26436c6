import 'server-only'
import { getDb } from '@/lib/db'
import { allowedAddressList } from './allowed-addresses'

/** Every client, active first then revoked, by name; never the key or its hash. */
const SELECT = { id: true, name: true, keyPrefix: true, createdAt: true, createdBy: true, lastUsedAt: true, lastUsedAddress: true, allowedAddresses: true, revokedAt: true } as const

export async function listApiClients() {
  const clients = await getDb().apiClient.findMany({ orderBy: [{ revokedAt: { sort: 'asc', nulls: 'first' } }, { name: 'asc' }], select: SELECT })
  return clients.map((c) => ({ ...c, allowedAddresses: allowedAddressList(c.allowedAddresses) }))
}

export type ApiClientListItem = Awaited<ReturnType<typeof listApiClients>>[number]

/** One active client by id (the edit and revoke pages), or null. */
export async function findActiveApiClient(id: string): Promise<ApiClientListItem | null> {
  const client = await getDb().apiClient.findFirst({ where: { id, revokedAt: null }, select: SELECT })
  return client ? { ...client, allowedAddresses: allowedAddressList(client.allowedAddresses) } : null
}
