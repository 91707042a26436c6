// The production server on a fresh temporary database, for benchmarks.
// Sets DATABASE_URL and fresh keys in this process's environment too, so the
// benchmark can prepare data through lib/ against the same database.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export async function startBenchServer(): Promise<{ base: string; stop: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'token-portal-bench-'))
  for (const name of ['SECRET_KEY', 'HASH_PEPPER', 'NEXTAUTH_SECRET']) process.env[name] = randomBytes(32).toString('base64')
  process.env.DATABASE_URL = `file:${path.join(dir, 'bench.db')}`
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
  let stopped = false
  const stop = () => {
    if (stopped) return
    stopped = true
    server.kill('SIGINT')
    fs.rmSync(dir, { recursive: true, force: true })
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
  return { base, stop }
}
