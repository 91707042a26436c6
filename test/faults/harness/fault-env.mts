// The setting of one fault case: a folder, a port, a migrated database and
// the environment of its portal server. This process uses the same
// database and keys through lib/ to set up data and to look at the outcome.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort, startPortal, type PortalServer } from './server.mjs'

// One set of keys for the whole run: this process parses its configuration
// once per case, the servers read the same values.
const KEYS = {
  SECRET_KEY: randomBytes(32).toString('base64'),
  HASH_PEPPER: randomBytes(32).toString('base64'),
  NEXTAUTH_SECRET: randomBytes(32).toString('base64'),
}

export type FaultEnv = {
  dir: string
  logFile: string
  port: number
  base: string
  databaseUrl: string
  env: Record<string, string>
  /** Starts (or, after a kill, starts again) this case's portal on its port. */
  start(): Promise<PortalServer>
  /** Where the servers' output is kept after cleanup (overwritten by the next run). */
  keptLog: string
  /** Removes the folder (and this process's connections to the database); keeps the servers' output at keptLog. */
  cleanup(): Promise<void>
}

export async function prepareFaultEnv({
  name,
  databaseUrl,
  dir = fs.mkdtempSync(path.join(os.tmpdir(), `token-portal-faults-${name}-`)),
  smtpPort,
  extra = {},
}: {
  name: string
  databaseUrl?: string
  dir?: string
  smtpPort?: number
  extra?: Record<string, string>
}): Promise<FaultEnv> {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const url = databaseUrl ?? `file:${path.join(dir, 'portal.db')}`
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    APP_URL: base,
    DATABASE_URL: url,
    MAIL_FROM: 'Token Portal <no-reply@faults.test>',
    ...KEYS,
    ...(smtpPort ? { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` } : {}),
    ...extra,
  }
  // This process's lib/ reads the same database and keys.
  const { resetConfigForTests } = await import('../../../lib/config')
  const { disconnectDb } = await import('../../../lib/db')
  await disconnectDb()
  for (const key of ['SMTP_URL', 'DATABASE_URL', 'APP_URL', 'MAIL_FROM']) delete process.env[key]
  Object.assign(process.env, { DATABASE_URL: url, APP_URL: base, MAIL_FROM: env.MAIL_FROM, ...KEYS }, smtpPort ? { SMTP_URL: env.SMTP_URL } : {})
  resetConfigForTests()
  execFileSync(process.execPath, ['bin/portal.mjs', 'db', 'migrate'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] })

  const logFile = path.join(dir, 'portal.log')
  const keptLog = path.join(os.tmpdir(), `token-portal-faults-${name}.log`)
  return {
    dir,
    logFile,
    port,
    base,
    databaseUrl: url,
    env,
    keptLog,
    // `portal serve` migrates first, and SQLite's migration cannot lock a
    // database another process holds open: this process lets go (its next
    // query opens the database again).
    async start() {
      await disconnectDb()
      return startPortal({ env, port, logFile })
    },
    async cleanup() {
      await disconnectDb()
      if (fs.existsSync(logFile)) fs.copyFileSync(logFile, keptLog)
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
