import { SMTPServer } from 'smtp-server'

export type SinkMessage = { from: string; to: string[]; raw: Buffer; messageId: string | undefined }

/**
 * A local SMTP server for tests and benchmarks. `refuse()` decides per
 * message whether to answer 451 (temporary failure) instead of accepting.
 */
export async function startSmtpSink({
  port = 0,
  onMessage = () => {},
  refuse = () => false,
  delayMs = 0,
}: {
  port?: number
  onMessage?: (message: SinkMessage) => void
  refuse?: () => boolean
  /** Answer each message this much later, like a slow relay. */
  delayMs?: number
} = {}): Promise<{
  port: number
  close: () => Promise<void>
  /** Open SMTP connections (the fault suite waits for a killed client's to close). */
  connections: () => number
  /** An outage: stops listening (connections are refused) and drops every open connection. */
  refuseConnections: () => Promise<void>
  /** Listens again on the same port. */
  acceptConnections: () => Promise<void>
}> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', async () => {
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs))
        if (refuse()) {
          const error = new Error('Try again later') as Error & { responseCode: number }
          error.responseCode = 451
          return callback(error)
        }
        const raw = Buffer.concat(chunks)
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw.toString('utf8'))?.[1]
        onMessage({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          messageId,
        })
        callback()
      })
    },
  })
  // A client killed mid-conversation resets its connection: a real mail
  // server shrugs that off, and so must the sink (unheard, it would crash).
  server.on('error', () => undefined)
  // Answer each command at once: with Nagle's algorithm, small replies meet
  // the client's delayed ACK and every message waits ~40 ms.
  const sockets = new Set<import('node:net').Socket>()
  server.server.on('connection', (socket: import('node:net').Socket) => {
    socket.setNoDelay(true)
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  const listen = (on: number) =>
    new Promise<void>((resolve, reject) => {
      server.server.once('error', reject)
      server.server.listen(on, '127.0.0.1', () => {
        server.server.off('error', reject)
        resolve()
      })
    })
  await listen(port)
  const address = server.server.address()
  const boundPort = typeof address === 'object' && address ? address.port : port
  return {
    port: boundPort,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    connections: () => sockets.size,
    async refuseConnections() {
      const closed = new Promise<void>((resolve) => server.server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      await closed
    },
    acceptConnections: () => listen(boundPort),
  }
}
