import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * The environment of the server under test: a free port and a fresh
 * temporary database (SQLite, or the PostgreSQL one in E2E_DATABASE_URL), chosen once in Playwright's main process and inherited
 * by its workers through process.env (workers re-read the config).
 */
export function serverEnv(): {
  port: number
  baseURL: string
  /** A second instance on the same database (playwright.multi-instance.config.ts). */
  secondPort: number
  secondBaseURL: string
  smtpPort: number
  mailDir: string
  databaseFile: string
  env: Record<string, string>
} {
  if (!process.env.E2E_PORT) {
    process.env.E2E_PORT = String(findFreePort())
    process.env.E2E_PORT_2 = String(findFreePort())
    process.env.E2E_SMTP_PORT = String(findFreePort())
    process.env.E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'token-portal-e2e-'))
    process.env.E2E_SECRET_KEY = randomBytes(32).toString('base64')
    process.env.E2E_HASH_PEPPER = randomBytes(32).toString('base64')
    process.env.E2E_NEXTAUTH_SECRET = randomBytes(32).toString('base64')
  }
  const port = Number(process.env.E2E_PORT)
  const smtpPort = Number(process.env.E2E_SMTP_PORT)
  const baseURL = `http://127.0.0.1:${port}`
  const dataDir = process.env.E2E_DATA_DIR ?? ''
  const databaseFile = path.join(dataDir, 'e2e.db')
  const secondPort = Number(process.env.E2E_PORT_2)
  return {
    port,
    baseURL,
    secondPort,
    secondBaseURL: `http://127.0.0.1:${secondPort}`,
    smtpPort,
    mailDir: path.join(dataDir, 'mail'),
    databaseFile,
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      APP_URL: baseURL,
      // E2E_DATABASE_URL runs the suite on PostgreSQL (.ci/run's smoke pass).
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? `file:${databaseFile}`,
      // Mail goes to the SMTP sink started beside the server (e2e/smtp-sink-server.ts).
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: 'Token Portal <no-reply@portal.test>',
      SECRET_KEY: process.env.E2E_SECRET_KEY ?? '',
      HASH_PEPPER: process.env.E2E_HASH_PEPPER ?? '',
      NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET ?? '',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  }
}

// Synchronous because Playwright's config is synchronous: ask the OS for a
// free port in a child process.
function findFreePort(): number {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' })
  const port = Number(result.stdout)
  if (!port) throw new Error('could not find a free port for the e2e server')
  return port
}
