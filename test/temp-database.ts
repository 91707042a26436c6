import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'

/**
 * Points this test process at a fresh SQLite file with every migration
 * applied, and fresh random keys. Call at the top of a test file, before
 * anything calls getDb() or getConfig() (both are lazy). Vitest runs each
 * file in its own process, so files never share a database.
 */
export function setUpTempDatabase(): { file: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'token-portal-test-'))
  const file = path.join(dir, 'test.db')
  const sqlite = new Database(file)
  const migrations = path.resolve('prisma', 'migrations')
  for (const name of fs.readdirSync(migrations).sort()) {
    const sql = path.join(migrations, name, 'migration.sql')
    if (fs.existsSync(sql)) sqlite.exec(fs.readFileSync(sql, 'utf8'))
  }
  sqlite.close()

  process.env.DATABASE_URL = `file:${file}`
  process.env.SECRET_KEY = randomBytes(32).toString('base64')
  process.env.HASH_PEPPER = randomBytes(32).toString('base64')
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString('base64')
  return { file, dir }
}
