import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { databaseKind, disconnectDb, getDb, resolveDatabaseUrl } from '@/lib/db'
import { migratePostgres } from '@/lib/db/migrate-postgres'
import type { Output } from '../output'
import { UsageError } from '../usage-error'

export const DB_USAGE = ['portal db migrate']

export async function runDb(args: string[], out: Output): Promise<void> {
  const [sub, ...rest] = args
  if (sub !== 'migrate' || rest.some((a) => a !== '--json')) {
    throw new UsageError(`unknown db command${sub ? ` "${sub}"` : ''}; usage: ${DB_USAGE.join(' | ')}`)
  }
  const applied = await migrateDatabase()
  out.result({ applied }, applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date')
}

/**
 * Applies pending migrations. PostgreSQL: lib/db/migrate-postgres (Prisma's
 * migrate cannot read PostgreSQL through the pg adapter). SQLite:
 * `prisma migrate deploy` (which goes through
 * our driver adapter, see prisma.config.ts) and returns the names applied.
 * SQLite runs in WAL mode (lib/db/client.ts), and Prisma's migration engine
 * cannot take its lock on a WAL database while any other connection has it
 * open: ours is closed first, and a running server must be stopped (npm start
 * migrates before it serves, so that is the normal path anyway).
 */
export async function migrateDatabase(): Promise<string[]> {
  const url = resolveDatabaseUrl(process.env.DATABASE_URL)
  if (databaseKind(url) === 'postgresql') return migratePostgres({ url })
  const before = new Set(await appliedMigrations())
  await disconnectDb()
  const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js')
  const result = spawnSync(process.execPath, [prismaCli, 'migrate', 'deploy'], {
    encoding: 'utf8',
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  })
  if (result.status !== 0) {
    const output = `${result.stderr}\n${result.stdout}`
    if (/SocketTimeout|database is locked|SQLITE_BUSY/i.test(output)) {
      throw new Error('database migration failed: the database is in use; stop the running portal, then migrate again')
    }
    const reason = output.split('\n').find((l) => /error/i.test(l)) ?? 'see `npx prisma migrate deploy`'
    throw new Error(`database migration failed: ${reason.trim()}`)
  }
  return (await appliedMigrations()).filter((name) => !before.has(name))
}

/** Names of the migrations recorded as finished, from Prisma's own table (empty on a new database). */
async function appliedMigrations(): Promise<string[]> {
  try {
    const rows = await getDb().$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
    )
    return rows.map((r) => r.migration_name)
  } catch {
    return []
  }
}
