import 'server-only'
import { getDb } from '@/lib/db'
import { userFilterWhere, type TUserFilter } from './user-filter'

export const USER_PAGE_SIZE = 50

export type UserPageItem = {
  id: string
  username: string
  email: string
  displayName: string | null
  status: 'ACTIVE' | 'DISABLED'
  groups: string[]
  activeTokens: number
}

export type UserPage = { users: UserPageItem[]; matching: number; next: string | null }

/**
 * One page of the administrators' users list: users matching the filter in
 * username order, from `after` (keyset: the unique username index gives
 * the next 50 whatever the page's depth), and how many match in all.
 */
export async function listUserPage({
  filter,
  after,
  pageSize = USER_PAGE_SIZE,
  now = new Date(),
}: {
  filter: TUserFilter
  after?: string
  pageSize?: number
  now?: Date
}): Promise<UserPage> {
  const db = getDb()
  const where = userFilterWhere(filter, now)
  const [rows, matching] = await Promise.all([
    db.user.findMany({
      where: after ? { AND: [where, { username: { gt: after } }] } : where,
      orderBy: { username: 'asc' },
      take: pageSize + 1,
      select: {
        id: true,
        username: true,
        email: true,
        displayName: true,
        status: true,
        groups: { select: { name: true }, orderBy: { name: 'asc' } },
        _count: { select: { tokens: { where: { status: 'ACTIVE' } } } },
      },
    }),
    db.user.count({ where }),
  ])
  const users = rows.slice(0, pageSize).map((u) => ({
    id: u.id,
    username: u.username,
    email: u.email,
    displayName: u.displayName,
    status: u.status,
    groups: u.groups.map((g) => g.name),
    activeTokens: u._count.tokens,
  }))
  return { users, matching, next: rows.length > pageSize ? users[users.length - 1]!.username : null }
}
