import type { Metadata } from 'next'
import Link from 'next/link'
import { card, linkClass, secondaryButton } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { staffSignOutAction } from './actions'

export const metadata: Metadata = { title: 'Staff console' }

export default async function StaffHomePage({ searchParams }: { searchParams: Promise<{ refused?: string; welcome?: string }> }) {
  const session = await requireStaff({ returnTo: '/staff' })
  const { refused, welcome } = await searchParams
  const { staff } = session
  const admin = staff.role === 'ADMIN'
  return (
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
      <p className="mt-3 text-slate-700">The helpdesk tools (find a user, verify a caller, reset a PIN) are not available yet.</p>
      {admin ? (
        <p className="mt-3">
          <Link href="/staff/accounts" className={linkClass}>
            Staff accounts
          </Link>
        </p>
      ) : null}
      <form action={staffSignOutAction} className="mt-6">
        <button type="submit" className={secondaryButton}>
          Sign out
        </button>
      </form>
    </section>
  )
}
