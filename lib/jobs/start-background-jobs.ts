import 'server-only'
import { processEnrollmentRequests, sendEnrollmentReminders } from '@/lib/enrollment'
import { processInvitationJobs } from '@/lib/invitation-jobs'
import { sendPinReminders } from '@/lib/self-service'
import { processUserLinkRequests } from '@/lib/user-links'
import { purgeExpiredData } from './purge-expired-data'
import { runDailyMaintenance } from './run-daily-maintenance'

/**
 * The server's own background work, in every instance (each job is safe to
 * run on several at once): the "send me a new link" requests recorded by
 * the pages ("send me a new link", "email me a sign-in link", "forgot my
 * PIN"), at once; PIN expiry and unfinished-enrollment reminders and housekeeping
 * every few minutes; the daily maintenance (dormant tokens) once a day across
 * all instances; the bulk invitations (lib/invitation-jobs) one batch per job
 * per round, so a run of 10,000 paces itself over minutes instead of filling
 * the outbox and the database's write lock at once. Mail has its own
 * worker (lib/mail). Returns a function that stops it after the current round.
 */
export function startBackgroundJobs({
  intervalMs = 1000,
  purgeEveryMs = 10 * 60_000,
  onError = (error: unknown) => console.error(`background jobs: ${(error as Error).message}`),
}: {
  intervalMs?: number
  purgeEveryMs?: number
  onError?: (error: unknown) => void
} = {}): { stop: () => Promise<void> } {
  let stopped = false
  let wake: (() => void) | undefined
  let purgedAt = 0

  const loop = (async () => {
    while (!stopped) {
      let handled = 0
      try {
        handled = (await processEnrollmentRequests()) + (await processUserLinkRequests())
        // Not counted in `handled`: a bulk invitation goes at one batch a round.
        await processInvitationJobs()
        if (Date.now() - purgedAt >= purgeEveryMs) {
          purgedAt = Date.now()
          await sendPinReminders()
          // Unfinished enrollments (policy: days after the invitation); each once, whichever instance.
          await sendEnrollmentReminders()
          await purgeExpiredData()
          // Once a day across all instances (a database row decides whose turn it is).
          await runDailyMaintenance()
        }
      } catch (error) {
        onError(error)
      }
      // A full round means more may be waiting: go again at once.
      if (handled === 0 && !stopped) await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, intervalMs)))
    }
  })()

  return {
    async stop() {
      stopped = true
      wake?.()
      await loop
    },
  }
}
