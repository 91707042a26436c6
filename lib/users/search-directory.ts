import 'server-only'
import { getHotSql, sql, type HotSql, type Sql } from '@/lib/db'
import { loadDirectoryEntries, type DirectoryEntry } from './load-directory-entries'
import { normalizeUsername } from './schemas'

export type { DirectoryEntry, DirectoryToken } from './load-directory-entries'

/** One page of "find a user". */
export type DirectoryPage = {
  /** The query as it was compared: trimmed, NFKC, lower-case. */
  query: string
  entries: DirectoryEntry[]
  page: number
  pageSize: number
  hasNext: boolean
  /** Shorter than MIN_QUERY_LENGTH: nothing was looked up. */
  tooShort: boolean
  /** More matches exist than pages reach (MAX_SEARCH_RESULTS): the query should be longer. */
  capped: boolean
}

export const SEARCH_PAGE_SIZE = 20
/** How deep pages reach (offset + page size), so every page costs a bounded index range. */
export const MAX_SEARCH_RESULTS = 1000
export const MIN_QUERY_LENGTH = 2

// Above every character a username, email, name key or serial may hold, so
// that [prefix, prefix + TOP) is exactly "starts with prefix" in a bytewise order.
const TOP = '\uffff'

/**
 * The helpdesk's "find a user": a prefix of the username, email address or
 * display name, or of a token's serial (read aloud over the phone: spaces,
 * dashes and case don't matter). Each part is a range scan on its own index
 * (User.username, User(email, id), User(displayNameKey, id), Token.serial),
 * so the cost follows the page asked for, not the size of the directory.
 * Ranges rather than LIKE: SQLite's LIKE ignores case and so cannot use an
 * index, and on PostgreSQL both need the database's C collation (README,
 * "Running on PostgreSQL").
 *
 * Pages: the matches are username matches, then email, then name, then
 * serial, each person once. Page n needs the first n × size + 1 of that list,
 * and those come from at most as many rows of each range (one more tells
 * whether a next page exists), so each source is read from its start with
 * that limit: offset paging, kept cheap by capping its depth at
 * MAX_SEARCH_RESULTS. Keyset paging would need a cursor per source for one
 * merged order, for pages nobody reads past the first few of.
 */
export async function searchDirectory({
  query,
  page = 1,
  pageSize = SEARCH_PAGE_SIZE,
}: {
  query: string
  page?: number
  pageSize?: number
}): Promise<DirectoryPage> {
  const text = normalizeUsername(query).slice(0, 254)
  const size = Math.min(Math.max(Math.trunc(pageSize) || SEARCH_PAGE_SIZE, 1), MAX_SEARCH_RESULTS)
  const pageNo = Math.max(Math.trunc(page) || 1, 1)
  const result: DirectoryPage = { query: text, entries: [], page: pageNo, pageSize: size, hasNext: false, tooShort: false, capped: false }
  if (text.length < MIN_QUERY_LENGTH) return { ...result, tooShort: text.length > 0 }

  const offset = (pageNo - 1) * size
  const reach = Math.min(offset + size, MAX_SEARCH_RESULTS)
  if (offset >= MAX_SEARCH_RESULTS) return { ...result, capped: true }
  const need = reach + 1
  const name = text.replace(/\s+/g, ' ')
  const serial = text.replace(/[\s-]/g, '').toUpperCase()
  const hot = getHotSql()

  const [byUsername, byEmail, byName, bySerial] = await Promise.all([
    ids(hot, sql`SELECT "id" FROM "User" WHERE "username" >= ${text} AND "username" < ${text + TOP} ORDER BY "username" LIMIT ${need}`),
    text.includes('@') || text.length >= 3
      ? ids(hot, sql`SELECT "id" FROM "User" WHERE "email" >= ${text} AND "email" < ${text + TOP} ORDER BY "email", "id" LIMIT ${need}`)
      : [],
    ids(hot, sql`SELECT "id" FROM "User" WHERE "displayNameKey" >= ${name} AND "displayNameKey" < ${name + TOP} ORDER BY "displayNameKey", "id" LIMIT ${need}`),
    /^[0-9A-Z]{4,}$/.test(serial) ? ownersBySerial(hot, serial, need) : [],
  ])

  // Username matches first, then email, then name, then serial; each person once.
  const matched = new Map<string, DirectoryEntry['matchedBy']>()
  for (const [rows, how] of [
    [byUsername, 'username'],
    [byEmail, 'email'],
    [byName, 'name'],
    [bySerial, 'serial'],
  ] as const) {
    for (const id of rows) if (matched.size < need && !matched.has(id)) matched.set(id, how)
  }
  const more = matched.size > reach
  return {
    ...result,
    entries: await loadDirectoryEntries({ matched: [...matched].slice(offset, reach) }),
    hasNext: more && reach < MAX_SEARCH_RESULTS,
    capped: more && reach >= MAX_SEARCH_RESULTS,
  }
}

async function ids(hot: HotSql, statement: Sql): Promise<string[]> {
  return (await hot.query<{ id: string }>(statement)).map((r) => r.id)
}

/**
 * The first `need` distinct owners of tokens whose serial starts with
 * `serial`, in serial order. A person may hold several such tokens (a
 * revoked one and its replacement), so the range is read on in batches
 * from the last serial seen (still the index), a few batches at most.
 */
async function ownersBySerial(hot: HotSql, serial: string, need: number): Promise<string[]> {
  const owners = new Set<string>()
  let after: string | null = null
  for (let batch = 0; batch < 4 && owners.size < need; batch++) {
    const from: Sql = after === null ? sql`"serial" >= ${serial}` : sql`"serial" > ${after}`
    const rows: { serial: string; userId: string }[] = await hot.query(
      sql`SELECT "serial", "userId" FROM "Token" WHERE ${from} AND "serial" < ${serial + TOP} AND "userId" IS NOT NULL ORDER BY "serial" LIMIT ${need}`,
    )
    for (const r of rows) if (owners.size < need) owners.add(r.userId)
    if (rows.length < need) break
    after = rows[rows.length - 1]!.serial
  }
  return [...owners]
}
