import fs from 'node:fs'
import path from 'node:path'

// No `server-only` here: prisma.config.ts and the start script load this
// file in plain Node. It touches no secret.

export const DEFAULT_DATABASE_URL = 'file:./data/portal.db'

export type DatabaseKind = 'sqlite' | 'postgresql'

export function resolveDatabaseUrl(raw: string | undefined): string {
  const url = raw?.trim()
  return url ? url : DEFAULT_DATABASE_URL
}

export function databaseKind(url: string): DatabaseKind {
  if (url.startsWith('file:')) return 'sqlite'
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql'
  throw new Error('DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)')
}

/** Path of the SQLite file, relative paths taken from the working directory (the project root). */
export function sqliteFilePath(url: string): string {
  return path.resolve(url.replace(/^file:/, '').replace(/\?.*$/, ''))
}

/** better-sqlite3 creates the file but not its folder; a fresh clone has no data/ yet. */
export function ensureSqliteDirectory(url: string): void {
  if (databaseKind(url) !== 'sqlite') return
  fs.mkdirSync(path.dirname(sqliteFilePath(url)), { recursive: true })
}
