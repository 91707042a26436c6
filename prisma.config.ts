import path from 'node:path'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { defineConfig } from 'prisma/config'
import { ensureSqliteDirectory, resolveDatabaseUrl, sqliteFilePath } from './lib/db/database-url'

// The Prisma CLI (generate, migrate deploy, migrate status) talks to SQLite
// through the same driver adapter as the app, so nothing needs a native engine.
// Prisma 6.19 still reads env("DATABASE_URL") from the schema; give it the same default as the app.
process.env.DATABASE_URL = resolveDatabaseUrl(process.env.DATABASE_URL)

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    const url = resolveDatabaseUrl(process.env.DATABASE_URL)
    ensureSqliteDirectory(url)
    return new PrismaBetterSQLite3({ url: `file:${sqliteFilePath(url)}` })
  },
})
