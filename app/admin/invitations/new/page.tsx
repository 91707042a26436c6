import type { Metadata } from 'next'
import Link from 'next/link'
import { StaffShell } from '@/components/staff/staff-shell'
import { card, linkClass, primaryButton } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { describeSelection } from '@/lib/invitation-jobs'
import { listUserPage, ZUserFilter } from '@/lib/users'
import { startInvitationJobAction } from '../actions'

export const metadata: Metadata = { title: 'Send a bulk invitation' }

export const dynamic = 'force-dynamic'

// The confirmation before emailing everyone a filter matches (the users
// list's "Invite all N", and "Invite everyone pending"): how many people,
// which ones, what they get. A page of its own, so it works without JavaScript.
export default async function NewInvitationPage({ searchParams }: { searchParams: Promise<{ state?: string; group?: string }> }) {
  const query = await searchParams
  const filter = ZUserFilter.parse({ state: query.state, group: query.group })
  const params = new URLSearchParams({ ...(filter.state ? { state: filter.state } : {}), ...(filter.group ? { group: filter.group } : {}) }).toString()
  const session = await requireStaff({ role: 'ADMIN', returnTo: `/admin/invitations/new${params ? `?${params}` : ''}`, recent: true })
  const { matching } = await listUserPage({ filter, pageSize: 1 })
  const whom = describeSelection({ kind: 'filter', filter })
  const back = `/admin/users${params ? `?${params}` : ''}`
  return (
    <StaffShell session={session} current="invitations">
      <section aria-labelledby="new-title" className={card}>
        <p>
          <Link href={back} className={linkClass}>
            ← Users
          </Link>
        </p>
        <h1 id="new-title" className="mt-3 text-2xl font-semibold tracking-tight">
          Invite {whom}?
        </h1>
        {matching === 0 ? (
          <p role="status" className="mt-4 rounded-lg border border-slate-300 bg-slate-50 p-4 text-slate-900">
            No user matches {whom} now, so there is no one to invite.
          </p>
        ) : (
          <>
            <p className="mt-3 text-slate-700">
              {matching.toLocaleString('en-GB')} {matching === 1 ? 'user matches' : 'users match'} now. Each gets an enrollment email with a link of their own; an earlier
              unused link stops working. Disabled users are never invited. The emails go out in the background, a batch at a time: you can follow the job and cancel it on
              its page.
            </p>
            <form action={startInvitationJobAction} className="mt-4 flex flex-wrap items-center gap-3">
              <input type="hidden" name="scope" value="filter" />
              <input type="hidden" name="state" value={filter.state ?? ''} />
              <input type="hidden" name="group" value={filter.group ?? ''} />
              <button type="submit" className={primaryButton}>
                Send {matching.toLocaleString('en-GB')} {matching === 1 ? 'invitation' : 'invitations'}
              </button>
              <Link href={back} className={linkClass}>
                Cancel
              </Link>
            </form>
          </>
        )}
      </section>
    </StaffShell>
  )
}
