import type { Metadata } from 'next'
import Link from 'next/link'
import { Pager } from '@/components/staff/pager'
import { StaffShell } from '@/components/staff/staff-shell'
import { UserFilterForm } from '@/components/staff/user-filter-form'
import { UserSelectTable } from '@/components/staff/user-select-table'
import { card, linkClass, primaryButton, secondaryButton } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { describeUserFilter, listUserPage, ZUserFilter, type TUserFilter } from '@/lib/users'
import { startInvitationJobAction } from '../invitations/actions'

export const metadata: Metadata = { title: 'Users' }

export const dynamic = 'force-dynamic'

const PROBLEMS: Record<string, string> = {
  'none-chosen': 'Choose at least one user to invite (tick their boxes), or invite everyone matching the filter. Nothing was sent.',
  'none-matching': 'No active user matches this filter, so there is no one to invite. Nothing was sent.',
  stale: 'Some of the chosen users were removed or disabled meanwhile. Nothing was sent; choose again.',
}

const FORM = 'bulk-invite'

function listHref(filter: TUserFilter, after?: string): string {
  const query = new URLSearchParams({ ...(filter.state ? { state: filter.state } : {}), ...(filter.group ? { group: filter.group } : {}), ...(after ? { after } : {}) })
  const text = query.toString()
  return text ? `/admin/users?${text}` : '/admin/users'
}

// Administrators only: every user, filtered by state and group, 50 a page, chosen for a bulk invitation.
export default async function UsersPage({ searchParams }: { searchParams: Promise<{ state?: string; group?: string; after?: string; problem?: string }> }) {
  const session = await requireStaff({ role: 'ADMIN', returnTo: '/admin/users' })
  const query = await searchParams
  const filter = ZUserFilter.parse({ state: query.state, group: query.group })
  const after = typeof query.after === 'string' && query.after.length <= 64 ? query.after : undefined
  const page = await listUserPage({ filter, after })
  const problem = query.problem ? PROBLEMS[query.problem] : undefined
  return (
    <StaffShell session={session} current="all-users">
      <section aria-labelledby="users-title" className={card}>
        <h1 id="users-title" className="text-2xl font-semibold tracking-tight">
          Users
        </h1>
        <p className="mt-2 text-slate-700">
          Filter by enrollment state and group, choose users, and invite them in bulk: the server sends the invitations in the background and{' '}
          <Link href="/admin/invitations" className={linkClass}>
            Invitations
          </Link>{' '}
          shows their progress. To add people, <Link href="/admin/users/import" className={linkClass}>import a CSV file</Link>.
        </p>
        <UserFilterForm filter={filter} />
      </section>

      <section aria-labelledby="results-title" className={`${card} mt-6`}>
        <h2 id="results-title" className="text-lg font-semibold">
          {page.matching.toLocaleString('en-GB')} {page.matching === 1 ? 'user matches' : 'users match'}: {describeUserFilter(filter)}
        </h2>
        {problem ? (
          <p role="alert" className="mt-3 rounded-lg border border-red-300 bg-red-50 p-3 text-red-900">
            {problem}
          </p>
        ) : null}
        {page.users.length === 0 ? (
          <p className="mt-3 text-slate-700">No user matches this filter.</p>
        ) : (
          <>
            <form id={FORM} action={startInvitationJobAction} className="mt-4 flex flex-wrap gap-3">
              <input type="hidden" name="state" value={filter.state ?? ''} />
              <input type="hidden" name="group" value={filter.group ?? ''} />
              <button type="submit" name="scope" value="chosen" className={primaryButton}>
                Invite the chosen users
              </button>
              <Link href={`/admin/invitations/new${listHref(filter).slice('/admin/users'.length)}`} className={secondaryButton}>
                Invite all {page.matching.toLocaleString('en-GB')} matching this filter
              </Link>
            </form>
            <p className="mt-2 text-sm text-slate-600">Each invitation replaces the user’s earlier unused link. Disabled users are never invited.</p>
            <UserSelectTable users={page.users} form={FORM} />
            <Pager
              label="Users pages"
              previous={after ? { href: listHref(filter), label: 'First page' } : null}
              next={page.next ? { href: listHref(filter, page.next), label: 'Next 50' } : null}
            />
          </>
        )}
      </section>
    </StaffShell>
  )
}
