import 'server-only'
import { randomBytes } from 'node:crypto'
import { Prisma } from '@/generated/prisma/client'
import { auditEventData, recordAuditEvent, type AuditActor, type AuditContext } from '@/lib/audit'
import { getDb, getHotSql, joinSql, sql } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { parseUserCsv, UserImportFileError, type UserImportProblem, type UserImportRow } from './parse-user-csv'
import { displayNameKey } from './schemas'

export type UserImportOptions = {
  /** Import the valid rows even when some are bad (the bad ones are refused and reported). */
  applyValid?: boolean
  /** Disable active users that are not in the file (never deleted). */
  disableMissing?: boolean
  /** Check and count only; write nothing. */
  dryRun?: boolean
}

export type UserImportResult = {
  /** True when the import was written (false: bad rows without applyValid, or a dry run). */
  imported: boolean
  dryRun: boolean
  /** Data rows in the file. */
  rows: number
  added: number
  updated: number
  unchanged: number
  disabled: number
  /** Bad rows (not imported). */
  refused: number
  /** Every bad row with its line number and reason, in line order. */
  problems: UserImportProblem[]
}

/** Larger than the 5 MB a browser form sends by default and well above 100,000 users (about 6 MB). */
export const MAX_USER_IMPORT_BYTES = 20 * 1024 * 1024
/** Rows written per transaction, so a large import never holds the database for long. */
const BATCH = 1000
/** Rows looked up per query (well under SQLite's and PostgreSQL's parameter limits). */
const LOOKUP = 500
/** Rows per INSERT or UPDATE statement (7 parameters each, far below both databases' limits). */
const ROWS_PER_STATEMENT = 250

/** An id shaped like Prisma's cuid() (c + 24 lower-case characters), made here so a whole batch goes in one statement. */
const newId = () => `c${BigInt(`0x${randomBytes(16).toString('hex')}`).toString(36).padStart(25, '0').slice(0, 24)}`

type Existing = { id: string; username: string; email: string; displayName: string | null; status: string; groups: string[] }
type Plan = { create: UserImportRow[]; update: { row: UserImportRow; id: string; groupsChanged: boolean }[]; unchanged: number; disable: { id: string; username: string }[] }

/**
 * Imports users from a CSV file (see parseUserCsv for the format): checks
 * every row (format, duplicates in the file, an email that belongs to
 * another user in the database) before writing anything. With bad rows
 * nothing is written unless `applyValid`. Matched by username: existing
 * users get the file's email, name and groups (columns the file lacks are
 * left alone); users not in the file are never deleted, but `disableMissing`
 * disables the active ones. Written in transactions of BATCH rows; one
 * `user.imported` audit event with the counts, plus `user.disabled` per
 * disabled user.
 */
export async function importUsers({
  content,
  source,
  options = {},
  actor,
  context,
}: {
  content: Buffer | string
  /** What was imported, for the audit log (a file name; never its content). */
  source: string
  options?: UserImportOptions
  actor: AuditActor
  context?: AuditContext
}): Promise<UserImportResult> {
  if (content.length > MAX_USER_IMPORT_BYTES) throw new AppError('INVALID_INPUT', `The file is larger than ${MAX_USER_IMPORT_BYTES / 1024 / 1024} MB; split it.`)
  const text = typeof content === 'string' ? content : decodeUtf8(content)
  const parsed = parseUserCsv(text)
  const problems = [...parsed.problems]
  const existing = await loadExisting(parsed.rows.map((r) => r.username))
  const rows = await refuseEmailConflicts(parsed.rows, problems)
  problems.sort((a, b) => a.line - b.line)

  const dryRun = options.dryRun ?? false
  const total = parsed.rows.length + parsed.problems.length
  const base = { dryRun, rows: total, refused: problems.length, problems }
  if (problems.length && !options.applyValid) return { ...base, imported: false, added: 0, updated: 0, unchanged: 0, disabled: 0 }

  // Everyone named in the file, bad rows included, counts as present: a typo in an email never disables its user.
  const present = new Set([...rows.map((r) => r.username), ...problems.flatMap((p) => (p.username ? [p.username] : []))])
  const plan = planImport(rows, existing, options.disableMissing ? await activeUsersNotIn(present) : [])
  const counts = { added: plan.create.length, updated: plan.update.length, unchanged: plan.unchanged, disabled: plan.disable.length }
  if (dryRun) return { ...base, imported: false, ...counts }
  await writePlan(plan, { source, counts, refused: problems.length, disableMissing: options.disableMissing ?? false, actor, context })
  return { ...base, imported: true, ...counts }
}

function decodeUtf8(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content)
  } catch {
    throw new UserImportFileError('The file is not UTF-8 text: save it as "CSV UTF-8".')
  }
}

// The lookups read through the hot-path connection (lib/db getHotSql): one
// prepared statement per chunk instead of Prisma's query compiler per query.
async function loadExisting(usernames: string[]): Promise<Map<string, Existing>> {
  const found = new Map<string, Existing>()
  for (let i = 0; i < usernames.length; i += LOOKUP) {
    const rows = await getHotSql().query<Omit<Existing, 'groups'> & { groupName: string | null }>(sql`
      SELECT u."id", u."username", u."email", u."displayName", u."status", g."name" AS "groupName"
      FROM "User" u LEFT JOIN "_GroupToUser" l ON l."B" = u."id" LEFT JOIN "Group" g ON g."id" = l."A"
      WHERE u."username" IN (${joinSql(usernames.slice(i, i + LOOKUP).map((u) => sql`${u}`))})`)
    for (const { groupName, ...user } of rows) {
      const entry = found.get(user.username) ?? { ...user, groups: [] }
      if (groupName !== null) entry.groups.push(groupName)
      found.set(user.username, entry)
    }
  }
  for (const user of found.values()) user.groups.sort()
  return found
}

/**
 * Refuses a row whose email belongs to another user in the database, as it
 * will be after the import (so two users swapping addresses in one file is
 * fine). Returns the rows that remain valid.
 */
async function refuseEmailConflicts(rows: UserImportRow[], problems: UserImportProblem[]): Promise<UserImportRow[]> {
  const fileEmailOf = new Map(rows.map((r) => [r.username, r.email]))
  const holders = new Map<string, string[]>()
  const emails = rows.map((r) => r.email)
  for (let i = 0; i < emails.length; i += LOOKUP) {
    const users = await getHotSql().query<{ username: string; email: string }>(
      sql`SELECT "username", "email" FROM "User" WHERE "email" IN (${joinSql(emails.slice(i, i + LOOKUP).map((e) => sql`${e}`))})`,
    )
    for (const u of users) {
      // The address this user will have after the import.
      if ((fileEmailOf.get(u.username) ?? u.email) !== u.email) continue
      holders.set(u.email, [...(holders.get(u.email) ?? []), u.username])
    }
  }
  const valid: UserImportRow[] = []
  for (const row of rows) {
    const other = holders.get(row.email)?.find((u) => u !== row.username)
    if (other) problems.push({ line: row.line, username: row.username, reason: `the email belongs to another user (${other}) in the portal` })
    else valid.push(row)
  }
  return valid
}

async function activeUsersNotIn(present: Set<string>): Promise<{ id: string; username: string }[]> {
  const active = await getHotSql().query<{ id: string; username: string }>(sql`SELECT "id", "username" FROM "User" WHERE "status" = 'ACTIVE'`)
  return active.filter((u) => !present.has(u.username))
}

function planImport(rows: UserImportRow[], existing: Map<string, Existing>, disable: { id: string; username: string }[]): Plan {
  const plan: Plan = { create: [], update: [], unchanged: 0, disable }
  for (const row of rows) {
    const user = existing.get(row.username)
    if (!user) {
      plan.create.push(row)
      continue
    }
    const groupsChanged = row.groups !== undefined && row.groups.join('\n') !== user.groups.join('\n')
    const changed = user.email !== row.email || (row.displayName !== undefined && row.displayName !== user.displayName) || groupsChanged
    if (changed) plan.update.push({ row, id: user.id, groupsChanged })
    else plan.unchanged++
  }
  return plan
}

async function writePlan(
  plan: Plan,
  audit: { source: string; counts: Omit<UserImportResult, 'imported' | 'dryRun' | 'rows' | 'refused' | 'problems'>; refused: number; disableMissing: boolean; actor: AuditActor; context?: AuditContext },
): Promise<void> {
  const db = getDb()
  const groupIds = await ensureGroups([...new Set([...plan.create, ...plan.update.map((u) => u.row)].flatMap((r) => r.groups ?? []))])
  const tasks: ((tx: Prisma.TransactionClient) => Promise<void>)[] = []
  for (let i = 0; i < plan.create.length; i += BATCH) {
    const batch = plan.create.slice(i, i + BATCH)
    tasks.push(async (tx) => {
      const now = new Date()
      const ids = batch.map(() => newId())
      // One INSERT per ROWS_PER_STATEMENT users: Prisma's createMany costs about as much per row as a statement.
      for (let j = 0; j < batch.length; j += ROWS_PER_STATEMENT) {
        const values = batch.slice(j, j + ROWS_PER_STATEMENT).map((r, k) => {
          const name = r.displayName ?? null
          return Prisma.sql`(${ids[j + k]!}, ${r.username}, ${r.email}, ${name}, ${name ? displayNameKey(name) : null}, ${now}, ${now})`
        })
        await tx.$executeRaw`INSERT INTO "User" ("id", "username", "email", "displayName", "displayNameKey", "createdAt", "updatedAt") VALUES ${Prisma.join(values)}`
      }
      await linkGroups(tx, batch.flatMap((r, k) => (r.groups ?? []).map((g) => [groupIds.get(g)!, ids[k]!] as const)))
    })
  }
  for (let i = 0; i < plan.update.length; i += BATCH) {
    const batch = plan.update.slice(i, i + BATCH)
    tasks.push(async (tx) => {
      const now = new Date()
      // One UPDATE per ROWS_PER_STATEMENT users (CASE by id), in SQL both databases speak.
      for (let j = 0; j < batch.length; j += ROWS_PER_STATEMENT) {
        const part = batch.slice(j, j + ROWS_PER_STATEMENT)
        const ids = Prisma.join(part.map((u) => u.id))
        const named = part.filter((u) => u.row.displayName !== undefined)
        await tx.$executeRaw`UPDATE "User" SET "email" = CASE "id" ${caseById(part, (u) => u.row.email)} END, "updatedAt" = ${now} WHERE "id" IN (${ids})`
        if (named.length) {
          const namedIds = Prisma.join(named.map((u) => u.id))
          await tx.$executeRaw`UPDATE "User" SET "displayName" = CASE "id" ${caseById(named, (u) => u.row.displayName ?? null)} END, "displayNameKey" = CASE "id" ${caseById(named, (u) => (u.row.displayName ? displayNameKey(u.row.displayName) : null))} END WHERE "id" IN (${namedIds})`
        }
      }
      const regrouped = batch.filter((u) => u.groupsChanged)
      for (let j = 0; j < regrouped.length; j += LOOKUP) {
        await tx.$executeRaw`DELETE FROM "_GroupToUser" WHERE "B" IN (${Prisma.join(regrouped.slice(j, j + LOOKUP).map((u) => u.id))})`
      }
      await linkGroups(tx, regrouped.flatMap(({ row, id }) => (row.groups ?? []).map((g) => [groupIds.get(g)!, id] as const)))
    })
  }
  for (let i = 0; i < plan.disable.length; i += BATCH) {
    const batch = plan.disable.slice(i, i + BATCH)
    tasks.push(async (tx) => {
      await tx.user.updateMany({ where: { id: { in: batch.map((u) => u.id) }, status: 'ACTIVE' }, data: { status: 'DISABLED' } })
      await tx.auditEvent.createMany({
        data: batch.map((u) =>
          auditEventData({ action: 'user.disabled', actor: audit.actor, context: audit.context, subject: { type: 'user', id: u.id, label: u.username }, details: { reason: 'missing from import', source: audit.source } }),
        ),
      })
    })
  }
  const summary = (tx: Prisma.TransactionClient, done: boolean) =>
    recordAuditEvent({
      tx,
      action: 'user.imported',
      actor: audit.actor,
      context: audit.context,
      subject: { type: 'import', label: audit.source },
      details: { source: audit.source, ...audit.counts, refused: audit.refused, disableMissing: audit.disableMissing, ...(done ? {} : { incomplete: true }) },
    })

  let next = 0
  try {
    if (tasks.length === 0) return await summary(db, true)
    for (; next < tasks.length; next++) {
      const last = next === tasks.length - 1
      await db.$transaction(
        async (tx) => {
          await tasks[next]!(tx)
          if (last) await summary(tx, true)
        },
        { timeout: 120_000, maxWait: 10_000 },
      )
    }
  } catch (error) {
    // The batches already written stay (a re-import finishes the job); the log says the import stopped.
    if (next > 0) await summary(db, false).catch(() => {})
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('CONFLICT', 'Someone else added some of these users at the same moment; the import stopped. Run it again: it updates what is already there.')
    }
    throw error
  }
}

/** `WHEN id THEN value …` for a CASE "id" expression. */
function caseById<T extends { id: string }>(rows: T[], value: (row: T) => string | null): Prisma.Sql {
  return Prisma.join(
    rows.map((r) => Prisma.sql`WHEN ${r.id} THEN ${value(r)}`),
    ' ',
  )
}

/** The ids of these groups, creating the missing ones. */
async function ensureGroups(names: string[]): Promise<Map<string, string>> {
  const db = getDb()
  const ids = new Map<string, string>()
  for (let i = 0; i < names.length; i += LOOKUP) {
    for (const g of await db.group.findMany({ where: { name: { in: names.slice(i, i + LOOKUP) } }, select: { id: true, name: true } })) ids.set(g.name, g.id)
  }
  const missing = names.filter((n) => !ids.has(n))
  for (let i = 0; i < missing.length; i += LOOKUP) {
    try {
      for (const g of await db.group.createManyAndReturn({ data: missing.slice(i, i + LOOKUP).map((name) => ({ name })), select: { id: true, name: true } })) ids.set(g.name, g.id)
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error
      // Created by someone else meanwhile: read them.
      for (const g of await db.group.findMany({ where: { name: { in: missing.slice(i, i + LOOKUP) } }, select: { id: true, name: true } })) ids.set(g.name, g.id)
    }
  }
  return ids
}

async function linkGroups(tx: Prisma.TransactionClient, links: (readonly [groupId: string, userId: string])[]): Promise<void> {
  for (let i = 0; i < links.length; i += LOOKUP) {
    const values = links.slice(i, i + LOOKUP).map(([a, b]) => Prisma.sql`(${a}, ${b})`)
    await tx.$executeRaw`INSERT INTO "_GroupToUser" ("A", "B") VALUES ${Prisma.join(values)}`
  }
}
