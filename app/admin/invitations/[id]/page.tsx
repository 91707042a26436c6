import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { DoneMessage } from '@/components/done-message'
import { FactList } from '@/components/fact-list'
import { LiveInvitationProgress } from '@/components/staff/live-invitation-progress'
import { StaffShell } from '@/components/staff/staff-shell'
import { card, dangerButton, linkClass, secondaryButton } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { formatWhen } from '@/lib/format'
import { readInvitationJob } from '@/lib/invitation-jobs'

export const metadata: Metadata = { title: 'Bulk invitation' }

export const dynamic = 'force-dynamic'

const DONE: Record<string, string> = {
  started: 'Invitations started: the server sends them in the background. You can leave this page.',
  already: 'These users already have a bulk invitation running: here it is. It was not started twice.',
  cancelled: 'Cancelled: no one else is invited, and the emails still waiting were withdrawn.',
  over: 'This job had already finished or been cancelled.',
}

// Administrators only: one bulk invitation's live progress, with Refresh (no JavaScript needed) and Cancel.
export default async function InvitationJobPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const { id } = await params
  const page = `/admin/invitations/${encodeURIComponent(id)}`
  const session = await requireStaff({ role: 'ADMIN', returnTo: page })
  const { done } = await searchParams
  const job = id.length <= 64 ? await readInvitationJob({ jobId: id }) : null
  if (!job) notFound()
  return (
    <StaffShell session={session} current="invitations">
      <section aria-labelledby="job-title" className={card}>
        <p>
          <Link href="/admin/invitations" className={linkClass}>
            ← Invitations
          </Link>
        </p>
        <h1 id="job-title" className="mt-3 text-2xl font-semibold tracking-tight">
          Bulk invitation: {job.label}
        </h1>
        <DoneMessage messages={DONE} done={done} />
        <FactList
          facts={[
            ['Started', `${formatWhen(job.createdAt)} by ${job.startedBy}`],
            ...(job.finishedAt ? ([[job.state === 'CANCELLED' ? 'Cancelled' : 'Finished', `${formatWhen(job.finishedAt)}${job.cancelledBy ? ` by ${job.cancelledBy}` : ''}`]] as [string, string][]) : []),
          ]}
        />
        <LiveInvitationProgress initial={job} url={`${page}/progress`} />
        <p className="mt-3 text-sm text-slate-600">“Sent” counts emails the mail server accepted. The job is done once every email is sent or has failed for good.</p>
        <div className="mt-4 flex flex-wrap gap-3">
          <Link href={page} className={secondaryButton}>
            Refresh
          </Link>
          {job.state === 'RUNNING' ? (
            <Link href={`${page}/cancel`} className={dangerButton}>
              Cancel this job
            </Link>
          ) : null}
        </div>
      </section>
    </StaffShell>
  )
}
