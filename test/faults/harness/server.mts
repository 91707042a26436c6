// A real production server of the portal (`node bin/portal.mjs serve`, as
// `npm start` runs it) for the fault suite: started in a process group of
// its own, so a SIGKILL takes the launcher, the CLI and the HTTP server at
// once, as a crashed machine or an OOM-killed container would.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import { leafProcess, rssOf } from '../../../scripts/bench/process-stats.mjs'
import { waitFor } from './wait.mjs'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

export type PortalServer = {
  base: string
  /** The HTTP server process (the deepest descendant of the launcher). */
  serverPid: number
  /** Resident memory of the HTTP server process in bytes, or null once it is gone. */
  rss(): number | null
  /** How it ended, or null while it runs. */
  exitedWith(): string | null
  /** SIGKILL to the whole process group; resolves once the HTTP server process is gone. */
  kill(): Promise<void>
  /** SIGTERM, as a supervisor stops it; resolves once it is gone. */
  stop(): Promise<void>
}

/**
 * Starts `portal serve` with `env` and waits until /api/v1/health answers
 * (any status: a server whose database is down still listens). Its output
 * is appended to `logFile`.
 */
export async function startPortal({ env, port, logFile, timeoutMs = 120_000 }: { env: Record<string, string>; port: number; logFile: string; timeoutMs?: number }): Promise<PortalServer> {
  const log = fs.openSync(logFile, 'a')
  fs.writeSync(log, `\n==== portal serve at ${new Date().toISOString()}\n`)
  const child: ChildProcess = spawn(process.execPath, ['bin/portal.mjs', 'serve'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port) } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', log, log],
    detached: true,
  })
  fs.closeSync(log)
  // However the suite ends (a failure, Ctrl-C), no server outlives it.
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  process.on('exit', killGroup)
  child.once('exit', () => process.off('exit', killGroup))
  let ended: string | null = null
  child.once('exit', (code, signal) => (ended = signal ? `killed by ${signal}` : `exit code ${code}`))
  const base = `http://127.0.0.1:${port}`
  await waitFor(
    async () => {
      if (ended) throw new Error(`the portal exited during start-up (${ended}); see ${logFile}`)
      return fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(2000) }).then(
        () => true,
        () => false,
      )
    },
    { timeoutMs, what: `the portal to answer on ${base}` },
  )
  const serverPid = leafProcess(child.pid!)!
  const gone = async (pid: number) => waitFor(() => !isAlive(pid), { timeoutMs: 30_000, what: `process ${pid} to end` })
  // A signal to the whole process group (launcher, CLI, server); resolves once they are gone.
  const end = async (signal: 'SIGKILL' | 'SIGTERM') => {
    try {
      process.kill(-child.pid!, signal)
    } catch {
      // already gone
    }
    await gone(serverPid)
    await gone(child.pid!)
  }
  return {
    base,
    serverPid,
    rss: () => rssOf(serverPid),
    exitedWith: () => ended ?? (isAlive(serverPid) ? null : 'the HTTP server process is gone'),
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  }
}

function isAlive(pid: number): boolean {
  try {
    // A zombie (killed, not yet reaped) holds no port and no lock: gone.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return false
  }
}
