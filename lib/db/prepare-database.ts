import 'server-only'
import { databaseKind, resolveDatabaseUrl } from './database-url'
import type { Db } from './client'

/**
 * Per-database settings that migrations cannot carry. SQLite: WAL lets the
 * server read while the CLI or the mail worker writes; it is stored in the
 * file, so setting it once is enough. Idempotent.
 */
export async function prepareDatabase({ db }: { db: Db }): Promise<void> {
  if (databaseKind(resolveDatabaseUrl(process.env.DATABASE_URL)) !== 'sqlite') return
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL')
}
