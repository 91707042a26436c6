import 'server-only'
import { getDb } from '@/lib/db'
import { normalizeUsername } from './schemas'

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

/** Users ordered by username, optionally filtered by a username/email prefix. */
export async function listUsers({
  query,
  limit = 100,
}: { query?: string; limit?: number } = {}): Promise<UserListItem[]> {
  const prefix = query ? normalizeUsername(query) : undefined
  const users = await getDb().user.findMany({
    where: prefix ? { OR: [{ username: { startsWith: prefix } }, { email: { startsWith: prefix } }] } : undefined,
    orderBy: { username: 'asc' },
    take: Math.min(Math.max(limit, 1), 1000),
    include: {
      groups: { select: { name: true }, orderBy: { name: 'asc' } },
      _count: { select: { tokens: { where: { status: 'ACTIVE' } } } },
    },
  })
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
