import 'server-only'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import type BetterSqlite3 from 'better-sqlite3'
import { PrismaClient } from '@/generated/prisma/client'
import { PrismaClient as PostgresPrismaClient } from '@/generated/prisma-pg/client'
import { closeHotSql, POSTGRES_CONNECT_TIMEOUT_MS, SQLITE_PRAGMAS } from './hot-sql'
import { serializeSqliteAdapter } from './serialize-sqlite-adapter'
import { databaseKind, ensureSqliteDirectory, resolveDatabaseUrl, sqliteFilePath } from './database-url'

export type Db = PrismaClient

/** A client for the given URL through the matching driver adapter (no native query engine). */
export function createDbClient({ url }: { url: string }): Db {
  if (databaseKind(url) === 'postgresql') {
    // The client generated from prisma/postgres/schema.prisma, the same
    // datamodel derived for PostgreSQL: its API is the SQLite client's.
    return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url, connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS }) }) as unknown as PrismaClient
  }
  ensureSqliteDirectory(url)
  // busy timeout: the CLI and the server may write the same file at once.
  const factory = new PrismaBetterSQLite3({ url: `file:${sqliteFilePath(url)}`, timeout: 5000 })
  return new PrismaClient({
    adapter: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      // SQLITE_PRAGMAS (WAL, synchronous=NORMAL): without them every write paid
      // for its own fsyncs and the validation API managed tens of requests per second.
      connect: async () => {
        const adapter = await factory.connect()
        await adapter.executeScript(SQLITE_PRAGMAS)
        beginTransactionsImmediately((adapter as unknown as { client: BetterSqlite3.Database }).client)
        return serializeSqliteAdapter(adapter)
      },
    },
  })
}

/**
 * Interactive transactions take the write lock when they begin. The adapter
 * sends a plain (deferred) BEGIN: such a transaction reads a snapshot first,
 * and if the hot-path connection (lib/db/hot-sql) commits meanwhile, its
 * first write fails at once with SQLITE_BUSY, busy timeout or not. With
 * BEGIN IMMEDIATE it waits for the lock up front and then cannot be refused.
 */
function beginTransactionsImmediately(client: BetterSqlite3.Database): void {
  const prepare = client.prepare.bind(client)
  client.prepare = ((source: string) => prepare(source === 'BEGIN' ? 'BEGIN IMMEDIATE' : source)) as typeof client.prepare
}

// One client per process; kept on globalThis so dev-server reloads don't leak connections.
const globalForDb = globalThis as unknown as { tokenPortalDb?: Db }

/** The process-wide client for DATABASE_URL. */
export function getDb(): Db {
  globalForDb.tokenPortalDb ??= createDbClient({ url: resolveDatabaseUrl(process.env.DATABASE_URL) })
  return globalForDb.tokenPortalDb
}

/** Closes the process-wide client (CLI exit, tests). */
export async function disconnectDb(): Promise<void> {
  const db = globalForDb.tokenPortalDb
  globalForDb.tokenPortalDb = undefined
  closeHotSql()
  await db?.$disconnect()
}
