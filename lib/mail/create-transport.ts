import 'server-only'
import nodemailer from 'nodemailer'

export type MailTransport = {
  send(mail: { messageId: string; from: string; to: string; subject: string; html: string; text: string }): Promise<{ response: string }>
  close(): void
}

/** A pooled SMTP transport for SMTP_URL: a few long-lived connections instead of one per message. */
export function createSmtpTransport({ smtpUrl, maxConnections = 5 }: { smtpUrl: string; maxConnections?: number }): MailTransport {
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
  })
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
