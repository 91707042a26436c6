// npm run db:new-migration -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that
// takes the database from the last migration's schema to prisma/schema.prisma,
// and its PostgreSQL twin under prisma/postgres/ (same name, from the derived
// schema; see scripts/db/postgres-schema.ts).
//
// Why not `prisma migrate dev`: it needs a shadow database, which the JS
// engine with a driver adapter does not support. Diffing two datamodels needs
// no database at all, so we keep a snapshot of the schema as of the newest
// migration and diff against it.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { derivePostgresSchema, POSTGRES_MIGRATIONS, POSTGRES_SCHEMA, SQLITE_MIGRATIONS, SQLITE_SCHEMA, SQLITE_SNAPSHOT, writePostgresSchema } from './db/postgres-schema'

const name = process.argv[2]
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:new-migration -- <name>   (lower-case letters, digits and underscores)')
  process.exit(1)
}

const prisma = createRequire(import.meta.url).resolve('prisma/build/index.js')
const diff = (from: string, to: string) =>
  execFileSync(process.execPath, [prisma, 'migrate', 'diff', '--from-schema-datamodel', from, '--to-schema-datamodel', to, '--script'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })

const sql = diff(SQLITE_SNAPSHOT, SQLITE_SCHEMA)
if (/^-- This is an empty migration\.\s*$/m.test(sql) || !sql.trim()) {
  console.log('No schema changes since the last migration: nothing to write.')
  process.exit(0)
}

// The PostgreSQL diff: the derived form of the snapshot → the derived form of the schema.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'token-portal-migration-'))
const pgSnapshot = path.join(tmp, 'snapshot.prisma')
fs.writeFileSync(pgSnapshot, derivePostgresSchema(fs.readFileSync(SQLITE_SNAPSHOT, 'utf8')))
writePostgresSchema()
const pgSql = diff(pgSnapshot, POSTGRES_SCHEMA)
fs.rmSync(tmp, { recursive: true, force: true })

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
for (const [dir, text] of [
  [SQLITE_MIGRATIONS, sql],
  [POSTGRES_MIGRATIONS, pgSql],
] as const) {
  fs.mkdirSync(path.join(dir, `${stamp}_${name}`), { recursive: true })
  fs.writeFileSync(path.join(dir, `${stamp}_${name}`, 'migration.sql'), text)
}
const header = fs.readFileSync(SQLITE_SNAPSHOT, 'utf8').split('\n').slice(0, 2).join('\n')
fs.writeFileSync(SQLITE_SNAPSHOT, `${header}\n${fs.readFileSync(SQLITE_SCHEMA, 'utf8')}`)
console.log(`Wrote ${path.join(SQLITE_MIGRATIONS, `${stamp}_${name}`, 'migration.sql')} and its PostgreSQL twin under ${POSTGRES_MIGRATIONS}.`)
console.log('Review both, then apply with: npm run db:migrate (and `npm run postinstall` to regenerate both clients)')
