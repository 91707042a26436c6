// A throwaway PostgreSQL cluster of the fault suite's own (scripts/ci/postgres.sh
// with its own port and data folder, so it never meets the cluster of
// `npm run test:postgres`, a benchmark or another checkout), which the
// suite may stop and start under load.
import { execFileSync } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'

const PG_ENV = {
  ...process.env,
  PGPORT: process.env.FAULTS_PGPORT ?? '55452',
  PGDATA_DIR: path.join(os.tmpdir(), `token-portal-faults-pg-${process.env.FAULTS_PGPORT ?? '55452'}`),
}

const script = (command: 'start' | 'stop' | 'down' | 'up') => execFileSync('bash', ['scripts/ci/postgres.sh', command], { env: PG_ENV, encoding: 'utf8' }).trim()

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

export function startPostgres(): PostgresCluster {
  const admin = script('start')
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
