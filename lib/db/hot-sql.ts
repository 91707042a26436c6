import 'server-only'
import { setTimeout as sleep } from 'node:timers/promises'
import Database from 'better-sqlite3'
import pg from 'pg'
import { databaseKind, ensureSqliteDirectory, resolveDatabaseUrl, sqliteFilePath } from './database-url'

// Statements for the hot paths (the validation API, rate limits): each one
// autocommits on its own, none holds a transaction open across an await.
//
// On SQLite they run on a connection of their own with prepared statements
// cached by text. Through Prisma's driver adapter every statement is
// prepared again and passes through the query compiler, several times the
// cost of running it; and Prisma's connection runs every query of every
// request inside whichever interactive transaction happens to be open, so a
// one-use code marked used there would be undone by another request's
// rollback. This connection never waits for a lock on the event loop: a busy
// database is retried after a short sleep, while the holder finishes.
//
// On PostgreSQL the same SQL runs on a small pg pool of its own ($1-style
// parameters), for the same reason: no query compiler per statement.
// See docs/decisions/005.

export type SqlValue = string | number | bigint | boolean | Date | null

/** A statement: text with `?` placeholders, and its values in order. */
export type Sql = { readonly text: string; readonly values: readonly SqlValue[] }

const isSql = (value: unknown): value is Sql => typeof value === 'object' && value !== null && 'text' in value && 'values' in value

/** Builds a statement; values become parameters, nested `sql` fragments are inlined. */
export function sql(strings: TemplateStringsArray, ...values: (SqlValue | Sql)[]): Sql {
  let text = strings[0]!
  const params: SqlValue[] = []
  values.forEach((value, i) => {
    if (isSql(value)) {
      text += value.text
      params.push(...value.values)
    } else {
      text += '?'
      params.push(value)
    }
    text += strings[i + 1]!
  })
  return { text, values: params }
}

/** Fragments joined by a separator, e.g. several VALUES tuples. */
export function joinSql(parts: readonly Sql[], separator = ', '): Sql {
  return { text: parts.map((p) => p.text).join(separator), values: parts.flatMap((p) => p.values) }
}

export type HotSql = {
  /** The rows of a SELECT, or of a write with RETURNING. */
  query<T>(statement: Sql): Promise<T[]>
  /** How many rows a write changed. */
  execute(statement: Sql): Promise<number>
  close(): void
}

// How long a write keeps retrying a busy database before giving up (as the
// Prisma connection's busy timeout).
const BUSY_DEADLINE_MS = 5000
const MAX_CACHED_STATEMENTS = 256

/** SQLite stores Prisma DateTimes as ISO 8601 text with +00:00 (the adapter's default format). */
function sqliteValue(value: SqlValue): string | number | bigint | null {
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00')
  if (typeof value === 'boolean') return value ? 1 : 0
  return value
}

/**
 * Every SQLite connection of ours: WAL, so readers never wait for the writer
 * and a commit appends to the log; synchronous=NORMAL, so a commit needs no
 * fsync of its own (the log is synced at checkpoints): a power cut can lose
 * the last commits, never corrupt the file.
 */
export const SQLITE_PRAGMAS = 'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;'

const isBusy = (error: unknown) => typeof error === 'object' && error !== null && /^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: unknown }).code))

export function createSqliteHotSql(file: string): HotSql {
  // timeout 0: a busy_timeout would block the event loop, and with it the
  // very transaction we are waiting for.
  const db = new Database(file, { timeout: 0 })
  db.exec(SQLITE_PRAGMAS)
  const statements = new Map<string, Database.Statement>()
  const prepared = (text: string) => {
    let statement = statements.get(text)
    if (!statement) {
      if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear()
      statements.set(text, (statement = db.prepare(text)))
    }
    return statement
  }
  async function run<T>(work: () => T): Promise<T> {
    const deadline = Date.now() + BUSY_DEADLINE_MS
    for (let attempt = 0; ; attempt++) {
      try {
        return work()
      } catch (error) {
        if (!isBusy(error) || Date.now() > deadline) throw error
        await sleep(Math.min(1 + attempt, 10))
      }
    }
  }
  return {
    query: <T>({ text, values }: Sql) =>
      run(() => {
        const statement = prepared(text)
        const params = values.map(sqliteValue)
        if (statement.reader) return statement.all(...params) as T[]
        statement.run(...params)
        return [] as T[]
      }),
    execute: ({ text, values }: Sql) => run(() => prepared(text).run(...values.map(sqliteValue)).changes),
    close: () => db.close(),
  }
}

// Prisma keeps DateTime as timestamp(3) *without* time zone, holding UTC.
// Write dates as UTC wall-clock text and read them back as UTC, whatever the
// server's or this process's time zone.
const TIMESTAMP_OID = 1114
// count(*) and other int8 results: exact, as BigInt (pg's default is a string).
const INT8_OID = 20
const postgresValue = (value: SqlValue) => (value instanceof Date ? value.toISOString().replace('Z', '') : value)
const postgresTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    format === 'binary'
      ? pg.types.getTypeParser(oid, format)
      : oid === TIMESTAMP_OID
        ? (text: string) => new Date(`${text.replace(' ', 'T')}Z`)
        : oid === INT8_OID
          ? (text: string) => BigInt(text)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

export const POSTGRES_CONNECT_TIMEOUT_MS = 3000

export function createPostgresHotSql(url: string): HotSql {
  // connectionTimeoutMillis: a database that does not answer costs a request
  // a few seconds at most, never a hang (the gateway then fails over).
  const pool = new pg.Pool({ connectionString: url, max: 10, types: postgresTypes, connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS })
  // An idle connection whose server went away (a restart, a failover) emits
  // 'error' on the pool; unheard, that error would crash the whole server.
  // The pool drops that connection by itself and the next query opens a new one.
  pool.on('error', () => undefined)
  const numbered = (text: string) => {
    let n = 0
    return text.replace(/\?/g, () => `$${++n}`)
  }
  return {
    query: async <T>({ text, values }: Sql) => (await pool.query(numbered(text), values.map(postgresValue))).rows as T[],
    execute: async ({ text, values }: Sql) => (await pool.query(numbered(text), values.map(postgresValue))).rowCount ?? 0,
    close: () => void pool.end(),
  }
}

const globalForHotSql = globalThis as unknown as { tokenPortalHotSql?: HotSql }

/** The process-wide hot-path connection for DATABASE_URL. */
export function getHotSql(): HotSql {
  if (!globalForHotSql.tokenPortalHotSql) {
    const url = resolveDatabaseUrl(process.env.DATABASE_URL)
    if (databaseKind(url) === 'postgresql') {
      globalForHotSql.tokenPortalHotSql = createPostgresHotSql(url)
    } else {
      ensureSqliteDirectory(url)
      globalForHotSql.tokenPortalHotSql = createSqliteHotSql(sqliteFilePath(url))
    }
  }
  return globalForHotSql.tokenPortalHotSql
}

/** Closes the hot-path connection (CLI exit, tests); called by disconnectDb. */
export function closeHotSql(): void {
  globalForHotSql.tokenPortalHotSql?.close()
  globalForHotSql.tokenPortalHotSql = undefined
}
