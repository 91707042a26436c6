// Test and benchmark helper: FreeRADIUS with the shipped configuration
// (deploy/freeradius, started through its own launcher) on a free UDP port,
// and radclient to talk to it. Nothing here writes FreeRADIUS output to disk:
// it is kept in memory and shown only when FreeRADIUS fails to start.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import dgram from 'node:dgram'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const SHIPPED = path.join(process.cwd(), 'deploy', 'freeradius')

export type FreeRadius = {
  port: number
  /** The shared secret, for radclient; never printed. */
  secret: string
  /** Ends FreeRADIUS and removes its configuration copy. */
  stop: () => Promise<void>
}

/** A free UDP port on the loopback address (the OS picks it; FreeRADIUS binds it right after). */
export async function freeUdpPort(): Promise<number> {
  const socket = dgram.createSocket('udp4')
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve))
  const { port } = socket.address()
  await new Promise<void>((resolve) => socket.close(() => resolve()))
  return port
}

/**
 * Starts FreeRADIUS in the foreground on a copy of deploy/freeradius (so the
 * directory and its parents are private to this run and not world-writable,
 * which FreeRADIUS insists on), asking `portalUrl` with `apiKey`. Resolves
 * once it logs that it is ready; rejects with its output if it exits first.
 */
export async function startFreeRadius({ portalUrl, apiKey, timeoutSeconds = 10 }: { portalUrl: string; apiKey: string; timeoutSeconds?: number }): Promise<FreeRadius> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'token-portal-radius-'))
  const config = path.join(dir, 'freeradius')
  fs.cpSync(SHIPPED, config, { recursive: true })
  fs.chmodSync(dir, 0o755)
  const secret = randomBytes(18).toString('base64url')
  const port = await freeUdpPort()
  const child = spawn(path.join(config, 'portal-radius'), [], {
    env: {
      NODE_ENV: 'production',
      PATH: process.env.PATH ?? '/usr/bin:/bin:/usr/sbin:/sbin',
      PORTAL_URL: portalUrl,
      PORTAL_API_KEY: apiKey,
      RADIUS_SECRET: secret,
      RADIUS_CLIENTS: '127.0.0.1',
      RADIUS_LISTEN: '127.0.0.1',
      RADIUS_PORT: String(port),
      PORTAL_TIMEOUT: String(timeoutSeconds),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
    fs.rmSync(dir, { recursive: true, force: true })
  }
  try {
    await waitForReady(child, () => output)
  } catch (error) {
    await stop()
    throw error
  }
  return { port, secret, stop }
}

function waitForReady(child: ChildProcess, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (/Ready to process requests/.test(output())) {
        child.stdout!.off('data', check)
        child.off('close', onExit)
        resolve()
      }
    }
    // 'close', not 'exit': by then all of its output has been read.
    const onExit = () => reject(new Error(`FreeRADIUS exited before it was ready:\n${output()}`))
    child.stdout!.on('data', check)
    child.once('close', onExit)
    check()
  })
}

export type RadiusAnswer = { code: 'Access-Accept' | 'Access-Reject' | null; replyMessage: string | null; signed: boolean }

/** One value for radclient's packet file: strings quoted with their quotes and backslashes escaped. */
function attributeLine(name: string, value: string): string {
  const bare = /^(0x[0-9a-f]*|\d+(\.\d+){3})$/i.test(value)
  return `${name} = ${bare ? value : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`}`
}

/**
 * Sends one packet with radclient (Debian's freeradius-utils) and reads the
 * answer: the reply code, or null when none came within `timeoutSeconds`
 * (one try, no retransmission). The secret goes through a file (-S), never
 * the command line. A Message-Authenticator is added, as the shipped
 * configuration requires, unless `messageAuthenticator` is false. `signed`:
 * the reply carried one (radclient checks it against the secret).
 */
export async function radclient({
  radius,
  attributes,
  command = 'auth',
  timeoutSeconds = 5,
  messageAuthenticator = true,
}: {
  radius: Pick<FreeRadius, 'port' | 'secret'>
  attributes: Record<string, string>
  command?: 'auth' | 'status'
  timeoutSeconds?: number
  messageAuthenticator?: boolean
}): Promise<RadiusAnswer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'token-portal-radclient-'))
  try {
    const secretFile = path.join(dir, 'secret')
    fs.writeFileSync(secretFile, radius.secret, { mode: 0o600 })
    const packetFile = path.join(dir, 'packet')
    const lines = [...Object.entries(attributes).map(([name, value]) => attributeLine(name, value)), ...(messageAuthenticator ? ['Message-Authenticator = 0x00'] : [])]
    fs.writeFileSync(packetFile, `${lines.join('\n')}\n`, { mode: 0o600 })
    const args = ['-x', '-r', '1', '-t', String(timeoutSeconds), '-S', secretFile, '-f', packetFile, `127.0.0.1:${radius.port}`, command]
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('radclient', args, { stdio: ['ignore', 'pipe', 'pipe'] })
      let text = ''
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
      child.once('error', reject)
      // 'close', not 'exit': only then has all of its output been read.
      child.once('close', () => resolve(text))
    })
    const received = /^Received (Access-Accept|Access-Reject|Access-Challenge) Id/m.exec(output)
    if (!received) {
      // Silence must be a timeout, not radclient failing to send (a packet file it cannot read, say).
      if (/No reply from server/.test(output)) return { code: null, replyMessage: null, signed: false }
      // Attribute lines (tab-indented) carry the passcode: leave them out of the error.
      throw new Error(`radclient failed: ${output.split('\n').filter((line) => !line.startsWith('\t')).join('\n')}`)
    }
    if (received[1] === 'Access-Challenge') throw new Error('FreeRADIUS answered Access-Challenge, which the portal never asks for')
    // radclient -x prints the reply's attributes after the "Received" line, tab-indented.
    const reply = output.slice(received.index)
    const message = /^\s+Reply-Message = "((?:[^"\\]|\\.)*)"/m.exec(reply)?.[1] ?? null
    return { code: received[1] as 'Access-Accept' | 'Access-Reject', replyMessage: message, signed: /^\s+Message-Authenticator = 0x[0-9a-f]{32}$/m.test(reply) }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
