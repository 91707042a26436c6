import 'server-only'
import net from 'node:net'
import nodemailer from 'nodemailer'

export type MailTransport = {
  send(mail: { messageId: string; from: string; to: string; subject: string; html: string; text: string }): Promise<{ response: string }>
  close(): void
}

/** A pooled SMTP transport for SMTP_URL: a few long-lived connections instead of one per message. */
export function createSmtpTransport({ smtpUrl, maxConnections = 10 }: { smtpUrl: string; maxConnections?: number }): MailTransport {
  const url = new URL(smtpUrl)
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    pool: true,
    maxConnections,
    maxMessages: Infinity,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // nodemailer leaves Nagle's algorithm on. SMTP is a chain of small
    // command/reply exchanges, so every message then waits on the server's
    // delayed ACK: ~45 ms per message instead of ~5 ms. We hand it sockets
    // with TCP_NODELAY; TLS (smtps or STARTTLS) is layered on top as before.
    getSocket(options: { host?: string; port?: number }, callback: (error: Error | null, socket?: { connection: net.Socket }) => void) {
      const socket = net.connect({ host: options.host ?? 'localhost', port: options.port ?? 25 })
      socket.setNoDelay(true)
      // Never hand nodemailer's pool an error from here: it then fails the
      // message but keeps the dead pool slot, busy for ever, so after
      // maxConnections refused connections (an SMTP outage) every later send
      // waits for good, even once the server is back. Instead let it open the
      // connection itself (without TCP_NODELAY, for this one attempt): its own
      // failure frees the slot and fails the message as it should.
      const fail = () => callback(null)
      socket.once('error', fail)
      socket.once('connect', () => {
        socket.off('error', fail) // from here on nodemailer handles the socket's errors
        callback(null, { connection: socket })
      })
    },
  } as Parameters<typeof nodemailer.createTransport>[0])
  return {
    async send(mail) {
      const info = await transport.sendMail({ ...mail, headers: { 'Auto-Submitted': 'auto-generated' } })
      return { response: String(info.response ?? '') }
    },
    close() {
      transport.close()
    },
  }
}
