import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'

export type CliResult = { code: number | null; stdout: string; stderr: string }

/**
 * For the CLI's tests: the real `portal` in a child process, as an operator
 * runs it, on a database of its own in a fresh temporary folder, with fresh
 * keys; `sql` reads or writes that database directly, `write` puts an input
 * file beside it.
 */
export function cliHarness(name: string, baseEnv: Record<string, string> = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tp-cli-${name}-`))
  const dbFile = path.join(dir, 'cli.db')
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development' as const,
    DATABASE_URL: `file:${dbFile}`,
    SECRET_KEY: randomBytes(32).toString('base64'),
    HASH_PEPPER: randomBytes(32).toString('base64'),
    NEXTAUTH_SECRET: randomBytes(32).toString('base64'),
    ...baseEnv,
  }
  function portal(args: string[], extraEnv: Record<string, string> = {}): CliResult {
    const result = spawnSync(process.execPath, ['bin/portal.mjs', ...args], { env: { ...env, ...extraEnv }, encoding: 'utf8' })
    return { code: result.status, stdout: result.stdout, stderr: result.stderr }
  }
  function sql<T = Record<string, unknown>>(statement: string, ...params: unknown[]): T[] {
    const db = new Database(dbFile)
    try {
      const prepared = db.prepare(statement)
      return prepared.reader ? (prepared.all(...params) as T[]) : (prepared.run(...params), [])
    } finally {
      db.close()
    }
  }
  function write(file: string, content: string | Buffer): string {
    const full = path.join(dir, file)
    fs.writeFileSync(full, content)
    return full
  }
  return { dir, dbFile, env, portal, sql, write }
}
