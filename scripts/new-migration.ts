// npm run db:new-migration -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that
// takes the database from the last migration's schema to prisma/schema.prisma.
//
// Why not `prisma migrate dev`: it needs a shadow database, which the JS
// engine with a driver adapter does not support. Diffing two datamodels needs
// no database at all, so we keep a snapshot of the schema as of the newest
// migration and diff against it.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const name = process.argv[2]
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:new-migration -- <name>   (lower-case letters, digits and underscores)')
  process.exit(1)
}

const migrations = path.join('prisma', 'migrations')
const snapshot = path.join(migrations, 'schema-snapshot.prisma')
const schema = path.join('prisma', 'schema.prisma')
const prisma = createRequire(import.meta.url).resolve('prisma/build/index.js')

const sql = execFileSync(
  process.execPath,
  [prisma, 'migrate', 'diff', '--from-schema-datamodel', snapshot, '--to-schema-datamodel', schema, '--script'],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
)
if (/^-- This is an empty migration\.\s*$/m.test(sql) || !sql.trim()) {
  console.log('No schema changes since the last migration: nothing to write.')
  process.exit(0)
}

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
const dir = path.join(migrations, `${stamp}_${name}`)
fs.mkdirSync(dir, { recursive: true })
fs.writeFileSync(path.join(dir, 'migration.sql'), sql)
const header = fs.readFileSync(snapshot, 'utf8').split('\n').slice(0, 2).join('\n')
fs.writeFileSync(snapshot, `${header}\n${fs.readFileSync(schema, 'utf8')}`)
console.log(`Wrote ${path.join(dir, 'migration.sql')}. Review it, then apply it with: npm run db:migrate`)
