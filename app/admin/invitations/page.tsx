import type { Metadata } from 'next'
import Link from 'next/link'
import { DataTable } from '@/components/data-table'
import { StaffShell } from '@/components/staff/staff-shell'
import { card, linkClass, primaryButton } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { formatWhen } from '@/lib/format'
import { listInvitationJobs, type InvitationJobSummary } from '@/lib/invitation-jobs'

export const metadata: Metadata = { title: 'Invitations' }

export const dynamic = 'force-dynamic'

const STATE_TEXT = { RUNNING: 'running', CANCELLED: 'cancelled', DONE: 'done' } as const

// Administrators only: recent bulk invitations, and "invite everyone pending".
export default async function InvitationsPage() {
  const session = await requireStaff({ role: 'ADMIN', returnTo: '/admin/invitations' })
  const jobs = await listInvitationJobs({ limit: 20 })
  return (
    <StaffShell session={session} current="invitations">
      <section aria-labelledby="invitations-title" className={card}>
        <h1 id="invitations-title" className="text-2xl font-semibold tracking-tight">
          Invitations
        </h1>
        <p className="mt-2 text-slate-700">
          Bulk invitations run in the background, a batch at a time, and survive a server restart without anyone getting two emails. Choose whom to invite on{' '}
          <Link href="/admin/users" className={linkClass}>
            Users
          </Link>
          , or invite everyone pending (no active token and no live link).
        </p>
        <p className="mt-4">
          <Link href="/admin/invitations/new?state=pending" className={primaryButton}>
            Invite everyone pending
          </Link>
        </p>
      </section>
      <section aria-labelledby="recent-title" className={`${card} mt-6`}>
        <h2 id="recent-title" className="text-lg font-semibold">
          Recent bulk invitations
        </h2>
        {jobs.length === 0 ? (
          <p className="mt-3 text-slate-700">No bulk invitation yet.</p>
        ) : (
          <DataTable<InvitationJobSummary>
            caption="Bulk invitations, newest first"
            rowKey={(j) => j.id}
            rows={jobs}
            columns={[
              { header: 'Whom', cell: (j) => <Link href={`/admin/invitations/${j.id}`} className={linkClass}>{j.label}</Link> },
              { header: 'Users', cell: (j) => j.total.toLocaleString('en-GB') },
              { header: 'State', cell: (j) => STATE_TEXT[j.state] },
              { header: 'Started', cell: (j) => `${formatWhen(j.createdAt)} by ${j.startedBy}` },
            ]}
          />
        )}
      </section>
    </StaffShell>
  )
}
