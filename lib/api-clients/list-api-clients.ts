import 'server-only'
import { getDb } from '@/lib/db'

export async function listApiClients() {
  return getDb().apiClient.findMany({
    orderBy: { name: 'asc' },
    select: { id: true, name: true, keyPrefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  })
}

