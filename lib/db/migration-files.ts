import fs from 'node:fs'
import path from 'node:path'

// No `server-only`: the CLI, scripts and test helpers read these too.

export const SQLITE_MIGRATIONS = path.join('prisma', 'migrations')
export const POSTGRES_MIGRATIONS = path.join('prisma', 'postgres', 'migrations')

/** Migration folder names (timestamp_name) that hold a migration.sql, oldest first. */
export function migrationNames(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort()
}

/** The SQL of one migration. */
export function migrationSql(dir: string, name: string): string {
  return fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8')
}
