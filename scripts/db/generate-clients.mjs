// npm's postinstall: generates the Prisma client for SQLite (generated/prisma)
// and for PostgreSQL (generated/prisma-pg). prisma.config.ts picks the schema
// by DATABASE_URL; generating needs no database, only the URL's kind.
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'

const prisma = createRequire(import.meta.url).resolve('prisma/build/index.js')
for (const url of ['file:./data/portal.db', 'postgresql://generate@localhost/generate']) {
  execFileSync(process.execPath, [prisma, 'generate'], { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } })
}
