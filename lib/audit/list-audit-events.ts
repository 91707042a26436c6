import 'server-only'
import type { AuditEvent, Prisma } from '@/generated/prisma/client'
import { getDb } from '@/lib/db'
// The schema file itself, not lib/users' index: lib/users records audit events, and the index would make a cycle.
import { normalizeUsername } from '@/lib/users/schemas'
import type { AuditCursor, TAuditFilters } from './schemas'

export type AuditRow = AuditEvent

/** Filters turned into what the indexes answer: ids, action names and a time range. */
export type ResolvedAuditFilters =
  | {
      unknown: null
      /** The user's own subject and their tokens' (index subjectType, subjectId, at). */
      subjects: { type: string; id: string }[] | null
      /** The staff member's id (index actorId, at). */
      actorId: string | null
      /** Every action that starts with the filter's text (index action, at), found by skipping along the index. */
      actions: string[] | null
      at: { gte?: Date; lt?: Date }
    }
  | { unknown: 'user' | 'staff' }

export type AuditPage = { events: AuditRow[]; hasOlder: boolean; hasNewer: boolean; unknown: null | 'user' | 'staff' }

export const AUDIT_PAGE_SIZE = 50
const TOP = '\uffff'
const DAY_MS = 86_400_000

/**
 * The audit view: events newest first, filtered, a page at a time by keyset
 * (at, id), so page 1,000 costs what page 1 does. Each filter becomes the
 * leading column of one of AuditEvent's indexes: the user's subjects, else
 * the staff member, else the matching actions, else time alone. Each of
 * those is read as its own index range in (at, id) order, `limit + 1` rows
 * from the cursor, and the few ranges merged here; the other filters are
 * checked on the rows the range yields.
 */
export async function listAuditEvents({ filters, cursor, limit = AUDIT_PAGE_SIZE }: { filters: TAuditFilters; cursor?: AuditCursor; limit?: number }): Promise<AuditPage> {
  const resolved = await resolveAuditFilters(filters)
  if (resolved.unknown) return { events: [], hasOlder: false, hasNewer: false, unknown: resolved.unknown }
  const { events, more } = await fetchAuditEvents({ resolved, cursor, limit })
  const newer = cursor?.direction === 'newer'
  return { events, hasOlder: newer || more, hasNewer: cursor ? !newer || more : false, unknown: null }
}

/** Looks up what the filters name, once (an export reuses it for every batch). */
export async function resolveAuditFilters(filters: TAuditFilters): Promise<ResolvedAuditFilters> {
  const db = getDb()
  let subjects: { type: string; id: string }[] | null = null
  if (filters.user) {
    const user = await db.user.findUnique({ where: { username: normalizeUsername(filters.user) }, select: { id: true, tokens: { select: { id: true } } } })
    if (!user) return { unknown: 'user' }
    subjects = [{ type: 'user', id: user.id }, ...user.tokens.map((t) => ({ type: 'token', id: t.id }))]
  }
  let actorId: string | null = null
  if (filters.staff) {
    const name = normalizeUsername(filters.staff)
    const staff = await db.staffUser.findFirst({ where: { OR: [{ username: name }, { id: filters.staff }] }, select: { id: true } })
    if (!staff) return { unknown: 'staff' }
    actorId = staff.id
  }
  const action = filters.action.toLowerCase()
  const actions = action ? await actionsStartingWith(action) : null
  const at = {
    ...(filters.from ? { gte: new Date(`${filters.from}T00:00:00Z`) } : {}),
    ...(filters.to ? { lt: new Date(Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS) } : {}),
  }
  return { unknown: null, subjects, actorId, actions, at }
}

/** One batch after (or before) `cursor`, newest first; `more` says whether another batch follows. */
export async function fetchAuditEvents({ resolved, cursor, limit }: { resolved: ResolvedAuditFilters & { unknown: null }; cursor?: AuditCursor; limit: number }): Promise<{ events: AuditRow[]; more: boolean }> {
  if (resolved.actions?.length === 0) return { events: [], more: false }
  const dir = cursor?.direction === 'newer' ? 'asc' : 'desc'
  const keyset: Prisma.AuditEventWhereInput[] = cursor
    ? [dir === 'desc' ? { OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] } : { OR: [{ at: { gt: cursor.at } }, { at: cursor.at, id: { gt: cursor.id } }] }]
    : []
  const common: Prisma.AuditEventWhereInput = {
    at: resolved.at,
    ...(resolved.actorId ? { actorId: resolved.actorId } : {}),
    AND: keyset,
  }
  // The driving index: one range per subject, else per action, else one.
  const ranges: Prisma.AuditEventWhereInput[] = resolved.subjects
    ? resolved.subjects.map((s) => ({ ...common, subjectType: s.type, subjectId: s.id, ...(resolved.actions ? { action: { in: resolved.actions } } : {}) }))
    : resolved.actorId
      ? [{ ...common, ...(resolved.actions ? { action: { in: resolved.actions } } : {}) }]
      : resolved.actions
        ? resolved.actions.map((action) => ({ ...common, action }))
        : [common]
  const batches = await Promise.all(ranges.map((where) => getDb().auditEvent.findMany({ where, orderBy: [{ at: dir }, { id: dir }], take: limit + 1 })))
  const sign = dir === 'desc' ? -1 : 1
  const merged = batches.flat().sort((a, b) => sign * (a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
  const page = merged.slice(0, limit)
  return { events: dir === 'desc' ? page : page.reverse(), more: merged.length > limit }
}

/**
 * The distinct actions that start with `prefix`, by seeking to the next one
 * along the (action, at) index each time: a few dozen index lookups, never a
 * scan of the log.
 */
async function actionsStartingWith(prefix: string): Promise<string[]> {
  const found: string[] = []
  let next = await getDb().auditEvent.findFirst({ where: { action: { gte: prefix, lt: prefix + TOP } }, orderBy: { action: 'asc' }, select: { action: true } })
  while (next && found.length < 500) {
    found.push(next.action)
    next = await getDb().auditEvent.findFirst({ where: { action: { gt: next.action, lt: prefix + TOP } }, orderBy: { action: 'asc' }, select: { action: true } })
  }
  return found
}
