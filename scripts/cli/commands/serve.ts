import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { getConfig } from '@/lib/config'
import { disconnectDb } from '@/lib/db'
import { issueFirstAdminLink } from '@/lib/staff'
import type { Output } from '../output'
import { UsageError } from '../usage-error'
import { migrateDatabase } from './db'
import { firstAdminMessage } from './staff'

export const SERVE_USAGE = ['portal serve [--rebuild | --dev]    # what `npm start` (and `npm run dev`) run']

// Inputs of the production build: a newer file in any of them means the build is stale.
const BUILD_INPUTS = [
  'app', 'components', 'lib', 'emails', 'public', 'generated',
  'proxy.ts', 'instrumentation.ts', 'instrumentation-node.ts', 'next.config.js', 'postcss.config.mjs', 'package-lock.json',
]

/**
 * `npm start`: apply migrations, build if the sources changed since the last
 * build, then run the production server. One command from a fresh clone.
 */
export async function runServe(args: string[], out: Output): Promise<void> {
  const unknown = args.filter((a) => !['--rebuild', '--dev', '--json'].includes(a))
  if (unknown.length) throw new UsageError(`unknown option ${unknown[0]}; usage: ${SERVE_USAGE[0]}`)
  const config = getConfig()
  const root = process.cwd()

  const applied = await migrateDatabase()
  if (applied.length) out.info(`Applied ${applied.length} database migration(s).`)

  const next = createRequire(import.meta.url).resolve('next/dist/bin/next')
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? config.appUrl,
    PORT: String(config.port),
    PORTAL_LISTEN: config.listenHosts.join(','),
    PORTAL_MAX_IN_FLIGHT: String(config.maxInFlight),
    PORTAL_MAX_LAG_MS: String(config.maxLagMs),
  }
  const where =
    config.mode === 'quick-start'
      ? `quick-start mode: listening on this computer only${config.mailPreview ? ', mail stays in the outbox at /dev/mail' : ''}`
      : `listening on ${config.listenHosts.join(', ') === '::' ? 'every interface' : config.listenHosts.join(', ')}`
  const dev = args.includes('--dev')
  if (!dev && (args.includes('--rebuild') || isBuildStale(root))) {
    out.info('Building the portal (about a minute on first start)…')
    const build = spawnSync(process.execPath, [next, 'build'], { stdio: 'inherit', env })
    if (build.status !== 0) throw new Error('the production build failed (see above)')
  }
  // No administrator yet: a new one-time set-up URL on every start, for whoever runs the server.
  const firstAdmin = await issueFirstAdminLink({ createdBy: 'console' })
  if (firstAdmin) out.info(firstAdminMessage(firstAdmin))
  await disconnectDb()
  out.info(`Token Portal${dev ? ' (development, hot reload)' : ''} is starting at ${config.appUrl} (port ${config.port}; ${where}).`)
  return runServer(path.join(root, 'scripts', 'server', 'start.mjs'), dev ? ['--dev'] : [], env)
}

function runServer(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  // As `next start` and `next dev` do: the production server always runs with NODE_ENV=production.
  const server = spawn(process.execPath, [script, ...args], { stdio: 'inherit', env: { ...env, NODE_ENV: args.includes('--dev') ? 'development' : 'production' } })
  let stopping = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopping = true
      server.kill(signal)
    })
  }
  return new Promise<void>((resolve, reject) => {
    server.on('exit', (code, signal) => {
      // Stopped on request: fine, however it ended. Killed otherwise (a
      // native crash aborts with SIGABRT or SIGSEGV): a failure, so a
      // supervisor restarts it and logs why.
      if (code === 0 || stopping) resolve()
      else reject(new Error(signal ? `the server was killed by ${signal}` : `the server exited with code ${code}`))
    })
  })
}

export function isBuildStale(root: string): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID')
  if (!fs.existsSync(buildId)) return true
  const builtAt = fs.statSync(buildId).mtimeMs
  return BUILD_INPUTS.some((input) => newestMtime(path.join(root, input)) > builtAt)
}

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0
  const stat = fs.statSync(p)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)))
  return newest
}
