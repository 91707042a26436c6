// The production server on a fresh temporary database, for benchmarks:
// SQLite, or PostgreSQL in a throwaway cluster (scripts/ci/postgres.sh on
// port 55442, removed on stop).
// Sets DATABASE_URL and fresh keys in this process's environment too, so the
// benchmark can prepare data through lib/ against the same database.
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { cpuMsOf, leafProcess, rssOf } from './process-stats.mjs'

export type BenchDatabase = 'sqlite' | 'postgres'

/** `--db sqlite|postgres` from a benchmark's own parsed options. */
export function benchDatabase(value: string | undefined): BenchDatabase {
  if (value === undefined || value === 'sqlite' || value === 'postgres') return value ?? 'sqlite'
  console.error('--db must be sqlite or postgres')
  process.exit(1)
}

const PG_ENV = { ...process.env, PGPORT: '55442', PGDATA_DIR: path.join(os.tmpdir(), 'token-portal-bench-pg') }

/**
 * A fresh, migrated database for a benchmark, with fresh keys, in this
 * process's environment (so the benchmark can prepare data through lib/).
 */
export function prepareBenchDatabase({ db = 'sqlite' }: { db?: BenchDatabase } = {}): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'token-portal-bench-'))
  for (const name of ['SECRET_KEY', 'HASH_PEPPER', 'NEXTAUTH_SECRET']) process.env[name] = randomBytes(32).toString('base64')
  if (db === 'postgres') {
    const admin = execFileSync('bash', ['scripts/ci/postgres.sh', 'start'], { env: PG_ENV, encoding: 'utf8' }).trim()
    execFileSync('psql', [admin, '-qXc', 'CREATE DATABASE bench'])
    process.env.DATABASE_URL = `${admin.replace(/\/postgres$/, '')}/bench`
  } else {
    process.env.DATABASE_URL = `file:${path.join(dir, 'bench.db')}`
  }
  execFileSync(process.execPath, ['bin/portal.mjs', 'db', 'migrate'], { env: process.env, stdio: ['ignore', 'ignore', 'inherit'] })
  let done = false
  const cleanup = () => {
    if (done) return
    done = true
    fs.rmSync(dir, { recursive: true, force: true })
    // A fast shutdown ends every session too.
    if (db === 'postgres') execFileSync('bash', ['scripts/ci/postgres.sh', 'stop'], { env: PG_ENV, stdio: 'ignore' })
  }
  process.on('exit', cleanup)
  return { dir, cleanup }
}

export async function startBenchServer({ db = 'sqlite' }: { db?: BenchDatabase } = {}) {
  const { cleanup } = prepareBenchDatabase({ db })
  const port = await new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
  const base = `http://127.0.0.1:${port}`
  Object.assign(process.env, { NODE_ENV: 'production', PORT: String(port), APP_URL: base, NEXT_TELEMETRY_DISABLED: '1' })
  delete process.env.SMTP_URL

  const server = spawn(process.execPath, ['bin/portal.mjs', 'serve'], { env: process.env, stdio: ['ignore', 'ignore', 'inherit'] })
  const exited = new Promise<string>((resolve) => server.once('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exit code ${code}`)))
  let stopped = false
  const stop = () => {
    if (stopped) return
    stopped = true
    server.kill('SIGINT')
    cleanup()
  }
  process.on('exit', stop)
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) break
    } catch {
      // not listening yet
    }
    if (i > 600 || server.exitCode !== null) throw new Error('the server did not start')
    await new Promise((r) => setTimeout(r, 500))
  }
  return {
    base,
    stop,
    /** Whether the server is still up, or how it ended (a crash shows as its signal). */
    status: () => Promise.race([exited, Promise.resolve('running')]),
    /** Resident memory of the Next.js server process in bytes (Linux), or null. */
    serverRss: () => rssOf(leafProcess(server.pid)),
    /** CPU time the Next.js server process has used, in ms (Linux), or null: a cost per request that other load on the machine hardly moves. */
    serverCpuMs: () => cpuMsOf(leafProcess(server.pid)),
    /** Stops the server and reports how it exited. */
    stopAndWait: async () => {
      stop()
      return exited
    },
  }
}
