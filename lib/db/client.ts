import 'server-only'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '@/generated/prisma/client'
import { databaseKind, ensureSqliteDirectory, resolveDatabaseUrl, sqliteFilePath } from './database-url'

export type Db = PrismaClient

/** A client for the given URL through the matching driver adapter (no native query engine). */
export function createDbClient({ url }: { url: string }): Db {
  if (databaseKind(url) === 'postgresql') {
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) })
  }
  ensureSqliteDirectory(url)
  // busy timeout: the CLI and the server may write the same file at once.
  return new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url: `file:${sqliteFilePath(url)}`, timeout: 5000 }),
  })
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
  await db?.$disconnect()
}
