import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { migrationNames, migrationSql, SQLITE_MIGRATIONS } from '@/lib/db/migration-files'

/** True when the suite runs against PostgreSQL (TEST_POSTGRES_URL, test/setup-postgres.ts). */
export const onPostgres = Boolean(process.env.TEST_POSTGRES_URL)

/**
 * Points this test process at a fresh SQLite file (or, on PostgreSQL, at the
 * fresh database test/setup-postgres.ts made for this file) with every migration
 * applied, and fresh random keys. Call at the top of a test file, before
 * anything calls getDb() or getConfig() (both are lazy). Vitest runs each
 * file in its own process, so files never share a database.
 */
export function setUpTempDatabase(): { file: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'token-portal-test-'))
  const file = path.join(dir, 'test.db')
  setKeys()
  if (onPostgres) {
    if (!process.env.TEST_DATABASE_URL) throw new Error('TEST_POSTGRES_URL is set but test/setup-postgres.ts did not run')
    process.env.DATABASE_URL = process.env.TEST_DATABASE_URL
    return { file, dir }
  }
  const sqlite = new Database(file)
  for (const name of migrationNames(SQLITE_MIGRATIONS)) sqlite.exec(migrationSql(SQLITE_MIGRATIONS, name))
  sqlite.close()

  process.env.DATABASE_URL = `file:${file}`
  return { file, dir }
}

function setKeys() {
  process.env.SECRET_KEY = randomBytes(32).toString('base64')
  process.env.HASH_PEPPER = randomBytes(32).toString('base64')
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString('base64')
}

/**
 * Everything the test database holds, to search for secrets that must not
 * be there. SQLite: every byte on disk (main file, WAL, journal), after
 * closing the connections so nothing is left in memory only. PostgreSQL:
 * every row of every table, as text.
 */
export async function dumpDatabase({ file }: { file: string }): Promise<Buffer> {
  const { disconnectDb } = await import('@/lib/db')
  await disconnectDb()
  if (!onPostgres) {
    const parts = [file, `${file}-wal`, `${file}-journal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f))
    return Buffer.concat(parts)
  }
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await client.connect()
  try {
    const { rows: tables } = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
    const parts: string[] = []
    for (const { table_name } of tables) {
      const { rows } = await client.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${table_name}" t`)
      parts.push(...rows.map((r) => r.row))
    }
    return Buffer.from(parts.join('\n'))
  } finally {
    await client.end()
  }
}
