import { ConfigError, getConfig } from '@/lib/config'
import { startBackgroundJobs } from '@/lib/jobs'
import { startMailWorker } from '@/lib/mail'

// A production server with a missing or malformed secret must not start: it
// would serve pages that cannot open a single token. One line naming the
// variable, then exit.
let smtpUrl: string | undefined
try {
  smtpUrl = getConfig().smtpUrl
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Token Portal cannot start: ${error.message}`)
    process.exit(1)
  }
  throw error
}

// Deliver the outbox from this process. Several servers may each run one:
// leases keep them from sending the same message twice. Without SMTP_URL the
// mail stays in the local outbox (/dev/mail).
if (smtpUrl && process.env.PORTAL_MAIL_WORKER !== 'off') {
  const worker = startMailWorker({ smtpUrl })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void worker.stop())
}

// Requests for new links and housekeeping, in every instance.
const jobs = startBackgroundJobs()
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void jobs.stop())
