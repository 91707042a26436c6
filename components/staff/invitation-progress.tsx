import { FactList } from '@/components/fact-list'

/** The counts a job page shows and its JSON route returns. */
export type ProgressCounts = { state: 'RUNNING' | 'CANCELLED' | 'DONE'; total: number; queued: number; sent: number; failed: number; cancelled: number; remaining: number; percent: number }

const STATE_TEXT = { RUNNING: 'Running', CANCELLED: 'Cancelled', DONE: 'Done' } as const

/** A bulk invitation's progress: a labelled progress bar with its figures in words, so the bar is never the only way to read them. */
export function InvitationProgress({ progress }: { progress: ProgressCounts }) {
  const n = (value: number) => value.toLocaleString('en-GB')
  return (
    <div>
      <label htmlFor="invitation-progress" className="mt-4 block font-medium text-slate-900">
        Progress: {progress.percent} % ({STATE_TEXT[progress.state].toLowerCase()})
      </label>
      <progress id="invitation-progress" max={progress.total} value={progress.total - progress.remaining - progress.queued} className="mt-2 h-4 w-full accent-brand">
        {progress.percent} %
      </progress>
      <FactList
        facts={[
          ['State', STATE_TEXT[progress.state]],
          ['Users', n(progress.total)],
          ['Queued (waiting for the mail server)', n(progress.queued)],
          ['Sent', n(progress.sent)],
          ['Failed', n(progress.failed)],
          ...(progress.cancelled ? ([['Not sent (cancelled)', n(progress.cancelled)]] as [string, string][]) : []),
          ['Remaining', n(progress.remaining)],
        ]}
      />
    </div>
  )
}
