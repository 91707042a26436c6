import { spawnSync } from 'node:child_process'
import { serverEnv } from '../server-env'

function serverDb(mode: 'get' | 'all' | 'run', sql: string, params: unknown[], env: Record<string, string> = serverEnv().env): string {
  const result = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'e2e/helpers/server-db-cli.mts', mode, sql, JSON.stringify(params)], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  })
  if (result.status !== 0) throw new Error(`server database ${mode} failed: ${result.stderr}`)
  return result.stdout
}

/**
 * Reads the server's database directly (SQLite or PostgreSQL), for assertions
 * a person could not make from outside. Quote identifiers ("Token"), use `?`.
 */
export function queryServerDb<T>(sql: string, ...params: unknown[]): T {
  return JSON.parse(serverDb('get', sql, params)) as T
}

/** Every row a statement returns (see queryServerDb). */
export function queryServerDbAll<T>(sql: string, ...params: unknown[]): T[] {
  return JSON.parse(serverDb('all', sql, params)) as T[]
}

/** Every row a statement returns, from the database of another server (e2e/helpers/extra-server.ts). */
export function queryDbOf<T>(server: { env: Record<string, string> }, sql: string, ...params: unknown[]): T[] {
  return JSON.parse(serverDb('all', sql, params, server.env)) as T[]
}

/** Changes the server's database directly (test set-up a person could not do, such as moving time). */
export function updateServerDb(sql: string, ...params: unknown[]): void {
  serverDb('run', sql, params)
}
