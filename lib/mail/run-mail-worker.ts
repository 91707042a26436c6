import 'server-only'
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import { createSmtpTransport } from './create-transport'
import { deliverOutbox } from './deliver-outbox'

/**
 * Polls the outbox and delivers through SMTP until stopped. Runs inside
 * `npm start` and as `portal mail work`; any number may run at once.
 * Returns a function that stops it after the current batch.
 */
export function startMailWorker({
  smtpUrl,
  intervalMs = 1000,
  onError = (error: unknown) => console.error(`mail worker: ${(error as Error).message}`),
}: {
  smtpUrl: string
  intervalMs?: number
  onError?: (error: unknown) => void
}): { stop: () => Promise<void> } {
  const transport = createSmtpTransport({ smtpUrl })
  // Names the instance in leases and in the audit log ("mail.sent").
  const workerId = `${os.hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`
  let stopped = false
  let wake: (() => void) | undefined

  const loop = (async () => {
    while (!stopped) {
      let claimed = 0
      try {
        claimed = (await deliverOutbox({ transport, workerId })).claimed
      } catch (error) {
        onError(error)
      }
      // A full batch means more is waiting: go again at once.
      if (claimed === 0 && !stopped) await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, intervalMs)))
    }
  })()

  return {
    async stop() {
      stopped = true
      wake?.()
      await loop
      transport.close()
    },
  }
}
