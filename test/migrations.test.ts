import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrationNames, migrationSql, SQLITE_MIGRATIONS } from '@/lib/db/migration-files'

const prisma = createRequire(import.meta.url).resolve('prisma/build/index.js')

function diffFrom(fromArgs: string[], to = 'prisma/schema.prisma'): string {
  return execFileSync(process.execPath, [prisma, 'migrate', 'diff', ...fromArgs, '--to-schema-datamodel', to, '--script'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
}

/** Tables, columns and indexes of a SQLite database, in a comparable form. */
function shape(db: Database.Database) {
  const objects = db
    .prepare("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations' ORDER BY name")
    .all() as { type: string; name: string; tbl_name: string }[]
  return objects.map((o) => ({
    ...o,
    // Column order is not compared: ALTER TABLE ADD COLUMN appends, while the
    // schema may declare a new field beside its neighbours.
    columns: (db.prepare(`PRAGMA ${o.type === 'table' ? 'table_info' : 'index_info'}("${o.name}")`).all() as { cid: number; name: string }[])
      .map((column) => ({ ...column, cid: undefined }))
      .sort((a, b) => (o.type === 'table' ? a.name.localeCompare(b.name) : 0)),
  }))
}

describe('migrations', () => {
  it('applying every migration gives exactly the database schema.prisma describes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tp-mig-'))
    const migrated = new Database(path.join(dir, 'a.db'))
    for (const name of migrationNames(SQLITE_MIGRATIONS)) migrated.exec(migrationSql(SQLITE_MIGRATIONS, name))
    const fromSchema = new Database(path.join(dir, 'b.db'))
    fromSchema.exec(diffFrom(['--from-empty']))
    expect(shape(migrated), 'schema.prisma changed without a migration: run `npm run db:new-migration -- <name>`').toEqual(
      shape(fromSchema),
    )
  }, 60_000)

  it('the snapshot used to diff new migrations matches schema.prisma', () => {
    const sql = diffFrom(['--from-schema-datamodel', 'prisma/migrations/schema-snapshot.prisma'])
    expect(sql.trim()).toBe('-- This is an empty migration.')
  }, 60_000)
})
