'use client'

import { useEffect, useState } from 'react'
import { InvitationProgress, type ProgressCounts } from './invitation-progress'

const POLL_MS = 1500

/**
 * The job page's progress, kept current without reloading: while the job
 * runs, it asks the page's JSON route every 1.5 s. Without JavaScript the
 * server-rendered figures stay, and the page's Refresh link updates them.
 * Announced politely, and only the state line, so a screen reader is not
 * read every figure every 1.5 s.
 */
export function LiveInvitationProgress({ initial, url }: { initial: ProgressCounts; url: string }) {
  const [progress, setProgress] = useState(initial)
  // Refresh re-renders the page with new figures into this same component: take them.
  const [rendered, setRendered] = useState(initial)
  if (initial !== rendered) {
    setRendered(initial)
    setProgress(initial)
  }
  const running = progress.state === 'RUNNING'
  useEffect(() => {
    if (!running) return
    let stopped = false
    const timer = setInterval(async () => {
      try {
        const response = await fetch(url, { cache: 'no-store', headers: { accept: 'application/json' } })
        if (!response.ok || stopped) return
        setProgress((await response.json()) as ProgressCounts)
      } catch {
        // A missed poll is retried at the next tick.
      }
    }, POLL_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [running, url])
  return (
    <div>
      <p role="status" className="sr-only">
        {progress.state === 'RUNNING' ? '' : `Invitations ${progress.state === 'DONE' ? 'done' : 'cancelled'}: ${progress.sent} sent, ${progress.failed} failed.`}
      </p>
      <InvitationProgress progress={progress} />
    </div>
  )
}
