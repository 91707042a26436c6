// Looks at a SQLite database file directly, as an operator would with the sqlite3 shell.
import Database from 'better-sqlite3'

export function sqliteFile(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, '')
}

/** `PRAGMA integrity_check`: "ok", or the problems it lists. */
export function integrityCheck(databaseUrl: string): string {
  const db = new Database(sqliteFile(databaseUrl))
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check).join('; ')
  } finally {
    db.close()
  }
}
