// The PostgreSQL schema is derived from the SQLite one (prisma/schema.prisma),
// the single source: same models, another provider, its own generated client.
// Used by `npm run db:new-migration` (which writes both migrations) and by the
// drift check in test/postgres-schema.test.ts.
import fs from 'node:fs'
import path from 'node:path'
import { SQLITE_MIGRATIONS } from '../../lib/db/migration-files'

export { migrationNames, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from '../../lib/db/migration-files'
export const SQLITE_SCHEMA = path.join('prisma', 'schema.prisma')
export const SQLITE_SNAPSHOT = path.join(SQLITE_MIGRATIONS, 'schema-snapshot.prisma')
export const POSTGRES_SCHEMA = path.join('prisma', 'postgres', 'schema.prisma')

const HEADER = '// Generated from prisma/schema.prisma by scripts/db/postgres-schema.ts: do not edit.\n// Change prisma/schema.prisma, then run `npm run db:new-migration -- <name>`.\n'

/** prisma/schema.prisma (or a snapshot of it) → the same datamodel for PostgreSQL. */
export function derivePostgresSchema(sqliteSchema: string): string {
  const replaced = sqliteSchema
    .replace(/^(\s*provider\s*=\s*)"sqlite"/m, '$1"postgresql"')
    .replace(/^(\s*output\s*=\s*)"\.\.\/generated\/prisma"/m, '$1"../../generated/prisma-pg"')
  if (!/provider\s*=\s*"postgresql"/.test(replaced) || !replaced.includes('generated/prisma-pg')) {
    throw new Error('derivePostgresSchema: expected a sqlite datasource and output "../generated/prisma"')
  }
  return HEADER + replaced
}

/** Writes prisma/postgres/schema.prisma from prisma/schema.prisma. */
export function writePostgresSchema(): void {
  fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true })
  fs.writeFileSync(POSTGRES_SCHEMA, derivePostgresSchema(fs.readFileSync(SQLITE_SCHEMA, 'utf8')))
}
