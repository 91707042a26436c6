// A throwaway PostgreSQL cluster of the fault suite's own (scripts/ci/postgres.sh
// with its own port and data folder, so it never meets the cluster of
// `npm run test:postgres`, a benchmark or another checkout), which the
// suite may stop and start under load.
import { execFileSync } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'

export type PostgresCluster = {
  /** A fresh database on the cluster, by name; its URL. */
  createDatabase(name: string): string
  /** Stops the cluster (a fast shutdown: sessions end, new connections are refused). Data is kept. */
  down(): void
  /** Starts it again; returns once it accepts connections. */
  up(): void
  /** Stops it and removes its data. */
  remove(): void
}

// Below Linux's ephemeral range (32768–60999): the suite's own thousands of
// client connections take local ports from that range, and one of them on
// the cluster's port stops PostgreSQL from binding it.
const randomPort = () => 20_000 + Math.floor(Math.random() * 10_000)

export function startPostgres(): PostgresCluster {
  let lastError: unknown
  // FAULTS_PGPORT fixes the port; otherwise a port that is taken is retried with another.
  for (let attempt = 0; attempt < (process.env.FAULTS_PGPORT ? 1 : 3); attempt++) {
    const port = process.env.FAULTS_PGPORT ?? String(randomPort())
    const env = { ...process.env, PGPORT: port, PGDATA_DIR: path.join(os.tmpdir(), `token-portal-faults-pg-${port}`) }
    const script = (command: 'start' | 'stop' | 'down' | 'up') => execFileSync('bash', ['scripts/ci/postgres.sh', command], { env, encoding: 'utf8' }).trim()
    let admin: string
    try {
      admin = script('start')
    } catch (error) {
      lastError = error
      script('stop')
      continue
    }
    let removed = false
    const remove = () => {
      if (removed) return
      removed = true
      script('stop')
    }
    process.on('exit', remove)
    return {
      createDatabase(name) {
        execFileSync('psql', [admin, '-qXc', `CREATE DATABASE "${name}"`])
        return `${admin.replace(/\/postgres$/, '')}/${name}`
      },
      down: () => void script('down'),
      up: () => void script('up'),
      remove,
    }
  }
  throw lastError
}
