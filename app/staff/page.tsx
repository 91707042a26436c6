import type { Metadata } from 'next'
import Link from 'next/link'
import { StaffShell } from '@/components/staff/staff-shell'
import { card, linkClass, primaryButton } from '@/components/ui'
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
        {/* A GET form: the search lands on the results page with the query in its URL, with or without JavaScript. */}
        <form action="/staff/users" method="get" role="search" aria-label="Find a user" className="mt-6">
          <label htmlFor="staff-home-search" className="block font-medium text-slate-900">
            Find a user
          </label>
          <p id="staff-home-search-hint" className="mt-1 text-sm text-slate-700">
            Start of a username, email address, name or token serial (spaces and dashes in a serial read over the phone do not matter).
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            <input
              id="staff-home-search"
              name="q"
              type="search"
              required
              maxLength={254}
              autoComplete="off"
              aria-describedby="staff-home-search-hint"
              className="min-h-11 flex-1 rounded-lg border border-slate-400 px-3 text-base"
            />
            <button type="submit" className={primaryButton}>
              Search
            </button>
          </div>
        </form>
        <p className="mt-6">
          <Link href="/staff/audit" className={linkClass}>
            Audit log
          </Link>
        </p>
      </section>
    </StaffShell>
  )
}
