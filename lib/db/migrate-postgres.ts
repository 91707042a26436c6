import { createHash, randomUUID } from 'node:crypto'
import pg from 'pg'
import { migrationNames, migrationSql, POSTGRES_MIGRATIONS } from './migration-files'

// Applies prisma/postgres/migrations to a PostgreSQL database.
//
// Why not `prisma migrate deploy`: through the pg driver adapter (the only way
// here: Prisma's native engines cannot be downloaded) the schema engine fails
// on PostgreSQL's `name` columns (prisma/orm#27403). This does what deploy
// does, in Prisma's own bookkeeping table and format, so a later native
// `prisma migrate deploy` sees the same history: under an advisory lock (two
// instances starting at once migrate once), each migration in its own
// transaction (PostgreSQL DDL is transactional: a failed one leaves nothing).

// The lock key Prisma Migrate itself uses.
const MIGRATION_LOCK_KEY = 72707369

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`

/** Applies every migration not yet recorded; returns the names applied, oldest first. */
export async function migratePostgres({ url, dir = POSTGRES_MIGRATIONS }: { url: string; dir?: string }): Promise<string[]> {
  const migrations = migrationNames(dir)
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    await client.query(BOOKKEEPING)
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      'SELECT "migration_name", "checksum", "finished_at", "rolled_back_at" FROM "_prisma_migrations"',
    )
    const failed = rows.find((r) => !r.finished_at && !r.rolled_back_at)
    if (failed) throw new Error(`migration ${failed.migration_name} failed earlier and was never resolved; fix the database, then mark it rolled back`)
    const done = new Map(rows.filter((r) => r.finished_at).map((r) => [r.migration_name, r.checksum]))
    const applied: string[] = []
    for (const name of migrations) {
      const sql = migrationSql(dir, name)
      const checksum = createHash('sha256').update(sql).digest('hex')
      if (done.has(name)) {
        if (done.get(name) !== checksum) throw new Error(`migration ${name} was changed after it was applied`)
        continue
      }
      await client.query('BEGIN')
      try {
        await client.query(sql)
        await client.query(
          'INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "applied_steps_count") VALUES ($1, $2, now(), $3, 1)',
          [randomUUID(), checksum, name],
        )
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw new Error(`migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`)
      }
      applied.push(name)
    }
    const [{ collation }] = (await client.query<{ collation: string }>('SELECT datcollate AS collation FROM pg_database WHERE datname = current_database()')).rows as [{ collation: string }]
    if (!/^(C|POSIX)(\.|$)/i.test(collation)) {
      console.warn(
        `warning: this database sorts text by "${collation}". The helpdesk search compares byte-wise prefixes and needs the C collation ` +
          'to match exactly and to use its indexes: create the database with `createdb --locale=C --template=template0` (README, "Running on PostgreSQL").',
      )
    }
    return applied
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined)
    await client.end()
  }
}
