import 'server-only'
import { getHotSql, joinSql, sql } from '@/lib/db'
// The pure rule itself, not lib/validate's index, which imports lib/users.
import { isLockActive } from '@/lib/validate/lockout'

export type DirectoryToken = {
  id: string
  serial: string
  name: string | null
  type: string
  status: string
  /** A lock in force now (one that lifted by itself is not). */
  locked: boolean
  lockedAt: Date | null
  /** When the lock lifts by itself; null while locked means until staff unlock it. */
  lockedUntil: Date | null
  lastUsedAt: Date | null
}

export type DirectoryEntry = {
  id: string
  username: string
  email: string
  displayName: string | null
  status: string
  /** What the query matched: the username, the email address, the display name or a token serial. */
  matchedBy: 'username' | 'email' | 'name' | 'serial'
  tokens: DirectoryToken[]
}

/** The people of one search page with their tokens, in the order given (one statement). */
export async function loadDirectoryEntries({ matched, now = new Date() }: { matched: [id: string, matchedBy: DirectoryEntry['matchedBy']][]; now?: Date }): Promise<DirectoryEntry[]> {
  if (matched.length === 0) return []
  const how = new Map(matched)
  const rows = await getHotSql().query<{
    userId: string
    username: string
    email: string
    displayName: string | null
    userStatus: string
    tokenId: string | null
    serial: string | null
    name: string | null
    type: string | null
    status: string | null
    lockedAt: Date | string | null
    lockedUntil: Date | string | null
    lastUsedAt: Date | string | null
  }>(sql`
    SELECT u."id" AS "userId", u."username", u."email", u."displayName", u."status" AS "userStatus",
           t."id" AS "tokenId", t."serial", t."name", t."type", t."status", t."lockedAt", t."lockedUntil", t."lastUsedAt"
    FROM "User" u LEFT JOIN "Token" t ON t."userId" = u."id"
    WHERE u."id" IN (${joinSql(matched.map(([id]) => sql`${id}`))})
    ORDER BY t."createdAt"`)

  const entries = new Map<string, DirectoryEntry>()
  for (const r of rows) {
    let entry = entries.get(r.userId)
    if (!entry) {
      entry = { id: r.userId, username: r.username, email: r.email, displayName: r.displayName, status: r.userStatus, matchedBy: how.get(r.userId)!, tokens: [] }
      entries.set(r.userId, entry)
    }
    if (r.tokenId) {
      const lockedAt = r.lockedAt ? new Date(r.lockedAt) : null
      const lockedUntil = r.lockedUntil ? new Date(r.lockedUntil) : null
      entry.tokens.push({
        id: r.tokenId,
        serial: r.serial!,
        name: r.name,
        type: r.type!,
        status: r.status!,
        locked: isLockActive({ lockedAt, lockedUntil, now }),
        lockedAt,
        lockedUntil,
        lastUsedAt: r.lastUsedAt ? new Date(r.lastUsedAt) : null,
      })
    }
  }
  return matched.map(([id]) => entries.get(id)).filter((e): e is DirectoryEntry => e !== undefined)
}
