import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { migratePostgres } from '@/lib/db/migrate-postgres'
import { derivePostgresSchema, migrationNames, POSTGRES_MIGRATIONS, POSTGRES_SCHEMA, SQLITE_MIGRATIONS, SQLITE_SCHEMA } from '@/scripts/db/postgres-schema'
import { createPostgresDatabase } from './postgres-database'
import { onPostgres } from './temp-database'

// The PostgreSQL schema and migrations are derived from the SQLite ones
// (scripts/db/postgres-schema.ts, npm run db:new-migration). These checks fail
// when they drift apart.

const STALE = 'prisma/postgres is stale: change prisma/schema.prisma only, then run `npm run db:new-migration -- <name>`'

describe('the PostgreSQL schema', () => {
  it('is prisma/schema.prisma with the PostgreSQL provider, nothing else', () => {
    expect(fs.readFileSync(POSTGRES_SCHEMA, 'utf8'), STALE).toBe(derivePostgresSchema(fs.readFileSync(SQLITE_SCHEMA, 'utf8')))
  })

  it('has a twin of every SQLite migration, and no other', () => {
    expect(migrationNames(POSTGRES_MIGRATIONS), STALE).toEqual(migrationNames(SQLITE_MIGRATIONS))
    expect(fs.readFileSync(path.join(POSTGRES_MIGRATIONS, 'migration_lock.toml'), 'utf8')).toMatch(/provider = "postgresql"/)
  })

  // Needs a server: runs in the PostgreSQL pass of CI (TEST_POSTGRES_URL).
  it.runIf(onPostgres)('applying every migration gives exactly the database the derived schema describes', async () => {
    const admin = process.env.TEST_POSTGRES_URL!
    const fresh = () => createPostgresDatabase({ admin, prefix: 'tp_shape' })
    const migrated = await fresh()
    await migratePostgres({ url: migrated })

    const fromSchema = await fresh()
    const prisma = createRequire(import.meta.url).resolve('prisma/build/index.js')
    const script = execFileSync(process.execPath, [prisma, 'migrate', 'diff', '--from-empty', '--to-schema-datamodel', POSTGRES_SCHEMA, '--script'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    const client = new pg.Client({ connectionString: fromSchema })
    await client.connect()
    await client.query(script)
    await client.end()

    expect(await shape(migrated), STALE).toEqual(await shape(fromSchema))
  }, 60_000)
})

/** Columns, enum values, indexes and constraints of a database, in a comparable form. */
async function shape(url: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
       ORDER BY table_name, column_name`,
    )
    const enums = await client.query(
      // The labels' order, not PostgreSQL's sort keys: a value added AFTER another gets a fractional key.
      `SELECT t.typname, e.enumlabel, row_number() OVER (PARTITION BY t.typname ORDER BY e.enumsortorder)::int AS "position" FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY t.typname, e.enumsortorder`,
    )
    const indexes = await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`)
    const constraints = await client.query(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY conname`,
    )
    return { columns: columns.rows, enums: enums.rows, indexes: indexes.rows, constraints: constraints.rows }
  } finally {
    await client.end()
  }
}
