import 'server-only'
import { getHotSql, joinSql, sql } from '@/lib/db'
import { normalizeUsername } from './schemas'

export type DirectoryToken = {
  id: string
  serial: string
  name: string | null
  type: string
  status: string
  lockedAt: Date | null
  lastUsedAt: Date | null
}

export type DirectoryEntry = {
  id: string
  username: string
  email: string
  displayName: string | null
  status: string
  /** What the query matched: the username, the email address or a token serial. */
  matchedBy: 'username' | 'email' | 'serial'
  tokens: DirectoryToken[]
}

export const MAX_SEARCH_RESULTS = 50

// Above every character a username, email or serial may hold, so that
// [prefix, prefix + TOP) is exactly "starts with prefix" in a bytewise order.
const TOP = '\uffff'

/**
 * The helpdesk's "find a user": a prefix of the username or email address, or
 * of a token's serial (read aloud over the phone: spaces and case don't
 * matter). Each part is a range scan on its own index (User.username,
 * User.email, Token.serial), so the cost follows the number of matches, not
 * the size of the directory. Ranges rather than LIKE: SQLite's LIKE ignores
 * case and so cannot use an index, and on PostgreSQL both need the database's
 * C collation (README, "Running on PostgreSQL").
 */
export async function searchDirectory({ query, limit = 20 }: { query: string; limit?: number }): Promise<DirectoryEntry[]> {
  const text = normalizeUsername(query).slice(0, 254)
  if (!text) return []
  const take = Math.min(Math.max(Math.trunc(limit), 1), MAX_SEARCH_RESULTS)
  const serial = text.replace(/[\s-]/g, '').toUpperCase()
  const hot = getHotSql()

  const [byUsername, byEmail, bySerial] = await Promise.all([
    hot.query<{ id: string }>(sql`SELECT "id" FROM "User" WHERE "username" >= ${text} AND "username" < ${text + TOP} ORDER BY "username" LIMIT ${take}`),
    text.includes('@') || text.length >= 3
      ? hot.query<{ id: string }>(sql`SELECT "id" FROM "User" WHERE "email" >= ${text} AND "email" < ${text + TOP} ORDER BY "email" LIMIT ${take}`)
      : Promise.resolve([]),
    /^[0-9A-Z]{4,}$/.test(serial)
      ? hot.query<{ userId: string | null }>(
          sql`SELECT "userId" FROM "Token" WHERE "serial" >= ${serial} AND "serial" < ${serial + TOP} AND "userId" IS NOT NULL ORDER BY "serial" LIMIT ${take}`,
        )
      : Promise.resolve([]),
  ])

  // Username matches first, then email, then serial; each user once.
  const matched = new Map<string, DirectoryEntry['matchedBy']>()
  for (const [rows, how] of [
    [byUsername.map((r) => r.id), 'username'],
    [byEmail.map((r) => r.id), 'email'],
    [bySerial.map((r) => r.userId!), 'serial'],
  ] as const) {
    for (const id of rows) if (matched.size < take && !matched.has(id)) matched.set(id, how)
  }
  if (matched.size === 0) return []

  const ids = [...matched.keys()]
  const rows = await hot.query<{
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
    lastUsedAt: Date | string | null
  }>(sql`
    SELECT u."id" AS "userId", u."username", u."email", u."displayName", u."status" AS "userStatus",
           t."id" AS "tokenId", t."serial", t."name", t."type", t."status", t."lockedAt", t."lastUsedAt"
    FROM "User" u LEFT JOIN "Token" t ON t."userId" = u."id"
    WHERE u."id" IN (${joinSql(ids.map((id) => sql`${id}`))})
    ORDER BY t."createdAt"`)

  const entries = new Map<string, DirectoryEntry>()
  for (const r of rows) {
    let entry = entries.get(r.userId)
    if (!entry) {
      entry = { id: r.userId, username: r.username, email: r.email, displayName: r.displayName, status: r.userStatus, matchedBy: matched.get(r.userId)!, tokens: [] }
      entries.set(r.userId, entry)
    }
    if (r.tokenId) {
      entry.tokens.push({
        id: r.tokenId,
        serial: r.serial!,
        name: r.name,
        type: r.type!,
        status: r.status!,
        lockedAt: r.lockedAt ? new Date(r.lockedAt) : null,
        lastUsedAt: r.lastUsedAt ? new Date(r.lastUsedAt) : null,
      })
    }
  }
  return ids.map((id) => entries.get(id)!).filter(Boolean)
}
