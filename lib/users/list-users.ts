import 'server-only'
import { getDb } from '@/lib/db'
import { searchDirectory } from './search-directory'

export type UserListItem = {
  id: string
  username: string
  email: string
  displayName: string | null
  status: 'ACTIVE' | 'DISABLED'
  groups: string[]
  activeTokens: number
  createdAt: Date
}

/**
 * Users ordered by username; with a query, the helpdesk's own search
 * (searchDirectory: a prefix of username, email, name or serial, in its
 * order), so the CLI and the console find the same people.
 */
export async function listUsers({ query, limit = 100 }: { query?: string; limit?: number } = {}): Promise<UserListItem[]> {
  const take = Math.min(Math.max(limit, 1), 1000)
  const ids = query === undefined ? undefined : (await searchDirectory({ query, pageSize: take })).entries.map((e) => e.id)
  if (ids?.length === 0) return []
  const users = await getDb().user.findMany({
    where: ids ? { id: { in: ids } } : undefined,
    orderBy: { username: 'asc' },
    take,
    include: {
      groups: { select: { name: true }, orderBy: { name: 'asc' } },
      _count: { select: { tokens: { where: { status: 'ACTIVE' } } } },
    },
  })
  if (ids) users.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    email: u.email,
    displayName: u.displayName,
    status: u.status,
    groups: u.groups.map((g) => g.name),
    activeTokens: u._count.tokens,
    createdAt: u.createdAt,
  }))
}
