import { getConfig } from '@/lib/config'
import { createSmtpTransport, deliverOutbox, startMailWorker } from '@/lib/mail'
import type { Output } from '../output'
import { UsageError } from '../usage-error'

export const MAIL_USAGE = ['portal mail work [--once]    # deliver the outbox (also runs inside npm start)']

export async function runMail(args: string[], out: Output): Promise<void> {
  const [sub, ...rest] = args
  const once = rest.includes('--once')
  const unknown = rest.find((a) => a !== '--once' && a !== '--json')
  if (sub !== 'work' || unknown) throw new UsageError(`usage: ${MAIL_USAGE[0]}`)
  const { smtpUrl } = getConfig()
  if (!smtpUrl) throw new UsageError('SMTP_URL is not set: mail stays in the local outbox, there is nothing to deliver to')

  if (once) {
    const transport = createSmtpTransport({ smtpUrl })
    const total = { sent: 0, retrying: 0, failed: 0 }
    try {
      for (;;) {
        const report = await deliverOutbox({ transport })
        total.sent += report.sent
        total.retrying += report.retrying
        total.failed += report.failed
        if (report.claimed === 0) break
      }
    } finally {
      transport.close()
    }
    out.result(total, `Sent ${total.sent}, will retry ${total.retrying}, failed ${total.failed}.`)
    return
  }

  out.info('Delivering mail; press Ctrl+C to stop.')
  const worker = startMailWorker({ smtpUrl })
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await worker.stop()
  out.result({ stopped: true }, 'Mail worker stopped.')
}
