import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'
import { StaffShell } from '@/components/staff/staff-shell'
import { card, dangerButton, linkClass } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { readInvitationJob } from '@/lib/invitation-jobs'
import { cancelInvitationJobAction } from '../../actions'

export const metadata: Metadata = { title: 'Cancel the bulk invitation' }

export const dynamic = 'force-dynamic'

// The confirmation before cancelling: a page of its own, so it works without JavaScript.
export default async function CancelInvitationJobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const page = `/admin/invitations/${encodeURIComponent(id)}`
  const session = await requireStaff({ role: 'ADMIN', returnTo: `${page}/cancel`, recent: true })
  const job = id.length <= 64 ? await readInvitationJob({ jobId: id }) : null
  if (!job) notFound()
  if (job.state !== 'RUNNING') redirect(`${page}?done=over`)
  return (
    <StaffShell session={session} current="invitations">
      <section aria-labelledby="cancel-title" className={card}>
        <p>
          <Link href={page} className={linkClass}>
            ← Back to the job
          </Link>
        </p>
        <h1 id="cancel-title" className="mt-3 text-2xl font-semibold tracking-tight">
          Cancel the bulk invitation?
        </h1>
        <p className="mt-4 text-slate-700">
          {job.label}: {job.sent.toLocaleString('en-GB')} of {job.total.toLocaleString('en-GB')} sent so far.
        </p>
        <p className="mt-4 rounded-lg border border-red-300 bg-red-50 p-3 text-red-900">
          The {job.remaining.toLocaleString('en-GB')} users not reached yet are not invited, and emails still waiting for the mail server are withdrawn (their links
          stop working). Emails already sent stay valid. This cannot be undone; you can start a new invitation later.
        </p>
        <form action={cancelInvitationJobAction} className="mt-4 flex flex-wrap items-center gap-3">
          <input type="hidden" name="id" value={job.id} />
          <button type="submit" className={dangerButton}>
            Cancel the invitations
          </button>
          <Link href={page} className={linkClass}>
            Keep it running
          </Link>
        </form>
      </section>
    </StaffShell>
  )
}
