// A lean open-loop load generator for the overload case. Node's http client
// costs the load generator about as much CPU per request as the portal's
// cheapest route costs the server, so on the same two cores it cannot offer
// ten times what the server can take. This one writes each request as one
// pre-formatted buffer on a keep-alive socket and reads back only the status
// line, the framing headers and the body. A request that finds no idle
// connection opens a new one (up to `maxConnections`; beyond, it waits here
// and its wait counts in its latency).
import net from 'node:net'
import type { Sample } from './load.mjs'

/** The error of a request that never left the load generator: all its connections were busy until the burst ended. */
export const UNSENT = 'unsent: every connection busy'
/** The error of a request whose connection the server never accepted (its listen queue was full). */
export const NOT_ACCEPTED = 'not accepted'

export type RawRequest = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string }
export type RawAnswer = { status: number; body: string; error?: string }

type Pending = { due: number; request: RawRequest; resolve: (answer: RawAnswer) => void }

export async function rawOpenLoop({
  port,
  rate,
  seconds,
  maxConnections,
  timeoutMs,
  next,
}: {
  port: number
  rate: number
  seconds: number
  maxConnections: number
  timeoutMs: number
  /** The i-th request; `onAnswer` sees what came back. */
  next: (i: number) => { request: RawRequest; onAnswer?: (answer: RawAnswer) => void }
}): Promise<{ samples: Sample[]; connectionsOpened: number; longestWaitForConnection: number; unsent: number }> {
  const samples: Sample[] = []
  const idle: Connection[] = []
  const waiting: Pending[] = []
  let open = 0
  let opened = 0
  let longestWait = 0
  const inFlight = new Set<Connection>()

  class Connection {
    socket: net.Socket
    /** The request it was opened for, until it is sent. */
    first: Pending | null
    current: (Pending & { sentAt: number }) | null = null
    buffer: Buffer = Buffer.alloc(0)
    dropped = false
    idleSince = 0
    constructor(first: Pending) {
      open++
      opened++
      this.first = first
      this.socket = net.connect(port, '127.0.0.1')
      this.socket.setNoDelay(true)
      // A connection the server never accepts (its listen queue is full and
      // the kernel drops our SYNs, retrying for up to two minutes) counts as
      // unanswered after timeoutMs, like a request that gets no answer.
      const connectTimer = setTimeout(() => this.first && this.socket.destroy(new Error(`${NOT_ACCEPTED} within ${timeoutMs} ms`)), timeoutMs)
      this.socket.once('connect', () => clearTimeout(connectTimer))
      this.socket.once('close', () => clearTimeout(connectTimer))
      this.socket.once('connect', () => {
        this.first = null
        this.send(first)
      })
      this.socket.on('data', (chunk) => this.read(chunk))
      const fail = (error?: Error) => {
        const reason = (error as NodeJS.ErrnoException | undefined)?.code ?? error?.message ?? 'connection closed'
        if (this.current) this.finish({ status: 0, body: '', error: reason }, false)
        if (this.first) {
          const never = this.first
          this.first = null
          samples.push({ due: never.due, latency: performance.now() - never.due, status: 0, error: reason })
          never.resolve({ status: 0, body: '', error: reason })
        }
        this.drop()
      }
      this.socket.on('error', fail)
      this.socket.on('close', () => fail())
    }
    send(pending: Pending) {
      longestWait = Math.max(longestWait, performance.now() - pending.due)
      this.current = { ...pending, sentAt: performance.now() }
      inFlight.add(this)
      const { method, path, headers = {}, body } = pending.request
      let head = `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`
      for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`
      if (body !== undefined) head += `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`
      this.socket.write(`${head}\r\n${body ?? ''}`)
    }
    read(chunk: Buffer) {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk
      const end = this.buffer.indexOf('\r\n\r\n')
      if (end < 0 || !this.current) return
      const head = this.buffer.subarray(0, end).toString('latin1')
      const status = Number(head.slice(9, 12))
      const rest = this.buffer.subarray(end + 4)
      const length = /\r\ncontent-length: *(\d+)/i.exec(head)
      let body = ''
      let used = 0
      if (length) {
        if (rest.length < Number(length[1])) return
        used = Number(length[1])
        body = rest.subarray(0, used).toString('utf8')
      } else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
        const parts: Buffer[] = []
        let at = 0
        for (;;) {
          const line = rest.indexOf('\r\n', at)
          if (line < 0) return
          const size = parseInt(rest.subarray(at, line).toString('latin1'), 16)
          if (rest.length < line + 2 + size + 2) return
          if (size === 0) {
            used = line + 4
            break
          }
          parts.push(rest.subarray(line + 2, line + 2 + size))
          at = line + 2 + size + 2
        }
        body = Buffer.concat(parts).toString('utf8')
      }
      this.buffer = rest.subarray(used)
      this.finish({ status, body }, !/\r\nconnection: *close/i.test(head))
    }
    finish(answer: RawAnswer, reusable: boolean) {
      const done = this.current!
      this.current = null
      inFlight.delete(this)
      samples.push({ due: done.due, latency: performance.now() - done.due, status: answer.status, error: answer.error })
      done.resolve(answer)
      if (!reusable) return this.drop()
      const queued = waiting.shift()
      if (queued) this.send(queued)
      else {
        this.idleSince = performance.now()
        idle.push(this)
      }
    }
    drop() {
      if (this.dropped) return
      this.dropped = true
      open--
      const at = idle.indexOf(this)
      if (at >= 0) idle.splice(at, 1)
      this.socket.destroy()
      // Whoever waits for a connection gets a new one.
      const queued = waiting.shift()
      if (queued) new Connection(queued)
    }
  }

  const dispatch = (pending: Pending) => {
    for (let connection = idle.pop(); connection; connection = idle.pop()) {
      // Closed on our side before the server's keep-alive timeout (5 s) can close it under a request.
      if (performance.now() - connection.idleSince < 4000) return connection.send(pending)
      connection.drop()
    }
    if (open < maxConnections) new Connection(pending)
    else waiting.push(pending)
  }

  // Requests that got no answer within timeoutMs count as hung: their connection is closed.
  const sweeper = setInterval(() => {
    const now = performance.now()
    for (const connection of inFlight) {
      if (connection.current && now - connection.current.sentAt > timeoutMs) {
        connection.finish({ status: 0, body: '', error: `no answer within ${timeoutMs} ms` }, false)
      }
    }
  }, 250)

  const answers: Promise<void>[] = []
  const start = performance.now()
  const total = Math.floor(rate * seconds)
  let sent = 0
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1)
      for (; sent < due; sent++) {
        const { request, onAnswer } = next(sent)
        answers.push(
          new Promise<RawAnswer>((resolveAnswer) => dispatch({ due: start + (sent * 1000) / rate, request, resolve: resolveAnswer })).then((answer) => onAnswer?.(answer)),
        )
      }
      // Offered for `seconds`, by the clock: a load generator that falls behind sends fewer, not later.
      if (sent >= total || performance.now() - start >= seconds * 1000) resolve()
      else setTimeout(tick, 1)
    }
    tick()
  })
  // Requests still waiting for one of our connections when the time is up were never sent.
  const unsent = waiting.length
  for (const never of waiting.splice(0)) {
    samples.push({ due: never.due, latency: performance.now() - never.due, status: 0, error: UNSENT })
    never.resolve({ status: 0, body: '', error: UNSENT })
  }
  await Promise.all(answers)
  clearInterval(sweeper)
  for (const connection of idle.splice(0)) connection.socket.destroy()
  return { samples, connectionsOpened: opened, longestWaitForConnection: longestWait, unsent }
}
