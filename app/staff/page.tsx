import type { Metadata } from 'next'
import Link from 'next/link'
import { StaffShell } from '@/components/staff/staff-shell'
import { UserSearchForm } from '@/components/staff/user-search-form'
import { card, linkClass } from '@/components/ui'
import { requireStaff } from '@/lib/auth'

export const metadata: Metadata = { title: 'Staff console' }

export default async function StaffHomePage({ searchParams }: { searchParams: Promise<{ refused?: string; welcome?: string }> }) {
  const session = await requireStaff({ returnTo: '/staff' })
  const { refused, welcome } = await searchParams
  const { staff } = session
  const admin = staff.role === 'ADMIN'
  return (
    <StaffShell session={session} current="home">
      <section aria-labelledby="staff-title" className={card}>
        <h1 id="staff-title" className="text-2xl font-semibold tracking-tight">
          Staff console
        </h1>
        {welcome ? (
          <p role="status" className="mt-3 rounded-lg border border-green-300 bg-green-50 p-3 text-green-900">
            Your staff account is set up and you are signed in.
          </p>
        ) : null}
        {refused ? (
          <p role="alert" className="mt-3 rounded-lg border border-red-300 bg-red-50 p-3 font-medium text-red-800">
            That page is for administrators only.
          </p>
        ) : null}
        <p className="mt-3 text-slate-800">
          Signed in as <strong>{staff.displayName ?? staff.username}</strong> ({staff.username}), {admin ? 'administrator' : 'helpdesk'}.
        </p>
        <div className="mt-6">
          <UserSearchForm id="staff-home-search" />
        </div>
        <p className="mt-6">
          <Link href="/staff/audit" className={linkClass}>
            Audit log
          </Link>
        </p>
        {admin ? (
          <p className="mt-3">
            <Link href="/admin/users/import" className={linkClass}>
              Import users
            </Link>
          </p>
        ) : null}
        {admin ? (
          <p className="mt-3">
            <Link href="/admin/tokens" className={linkClass}>
              Hardware tokens
            </Link>
          </p>
        ) : null}
      </section>
    </StaffShell>
  )
}
