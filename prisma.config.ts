import path from 'node:path'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { defineConfig } from 'prisma/config'
import { databaseKind, ensureSqliteDirectory, resolveDatabaseUrl, sqliteFilePath } from './lib/db/database-url'

// The Prisma CLI (generate, migrate deploy, migrate status) talks to the
// database through the same driver adapter as the app, so nothing needs a
// native engine. DATABASE_URL picks the schema and its migrations: SQLite
// (prisma/) or PostgreSQL (prisma/postgres/, derived from the SQLite schema).
// Prisma 6.19 still reads env("DATABASE_URL") from the schema; give it the same default as the app.
const url = resolveDatabaseUrl(process.env.DATABASE_URL)
process.env.DATABASE_URL = url
const postgres = databaseKind(url) === 'postgresql'

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: postgres ? path.join('prisma', 'postgres', 'schema.prisma') : path.join('prisma', 'schema.prisma'),
  migrations: { path: postgres ? path.join('prisma', 'postgres', 'migrations') : path.join('prisma', 'migrations') },
  async adapter() {
    if (postgres) return new PrismaPg({ connectionString: url })
    ensureSqliteDirectory(url)
    return new PrismaBetterSQLite3({ url: `file:${sqliteFilePath(url)}` })
  },
})
