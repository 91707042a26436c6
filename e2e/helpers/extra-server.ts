import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export type ExtraServer = {
  baseURL: string
  env: Record<string, string>
  /** The `portal` CLI against this server's database. */
  cli(args: string[]): { code: number | null; stdout: string; stderr: string }
  /** Stops the server (SIGTERM) and starts it again on the same port and database. */
  restart(): Promise<void>
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/**
 * A second production server of the portal, from the same build, with
 * settings of the test's choosing and a database of its own: for what the
 * suite's main server cannot show (quick-start mode, a deployment).
 */
export async function startExtraServer(settings: Record<string, string>): Promise<ExtraServer> {
  const port = await freePort()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'token-portal-extra-'))
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: `file:${path.join(dir, 'portal.db')}`,
    SECRET_KEY: randomBytes(32).toString('base64'),
    HASH_PEPPER: randomBytes(32).toString('base64'),
    NEXTAUTH_SECRET: randomBytes(32).toString('base64'),
    ...settings,
  }
  const launch = async () => {
    const child = spawn(process.execPath, ['bin/portal.mjs', 'serve'], { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'ignore', 'pipe'], detached: true })
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    const healthURL = `http://127.0.0.1:${port}/api/v1/health`
    const deadline = Date.now() + 120_000
    for (;;) {
      const up = await fetch(healthURL).then((r) => r.ok, () => false)
      if (up) break
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the extra server did not start: ${stderr}`)
      await new Promise((r) => setTimeout(r, 200))
    }
    return { child, exited }
  }
  const halt = async ({ child, exited }: Awaited<ReturnType<typeof launch>>) => {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM')
    await exited
  }
  let running = await launch()
  return {
    baseURL: `http://127.0.0.1:${port}`,
    env,
    cli(args) {
      const result = spawnSync(process.execPath, ['bin/portal.mjs', ...args], { env: env as NodeJS.ProcessEnv, encoding: 'utf8' })
      return { code: result.status, stdout: result.stdout, stderr: result.stderr }
    },
    async restart() {
      await halt(running)
      running = await launch()
    },
    async stop() {
      await halt(running)
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
