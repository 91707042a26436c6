import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { ActionForm } from '@/components/forms/action-form'
import { TextField } from '@/components/forms/text-field'
import { card, linkClass } from '@/components/ui'
import { getStaffSession, safeStaffReturnPath } from '@/lib/auth'
import { staffSignInAction } from '../actions'

export const metadata: Metadata = { title: 'Staff sign-in' }

export default async function StaffSignInPage({ searchParams }: { searchParams: Promise<{ next?: string; 'signed-out'?: string }> }) {
  const [params, session] = await Promise.all([searchParams, getStaffSession()])
  const next = safeStaffReturnPath(params.next)
  if (session) redirect(next)
  return (
    <section aria-labelledby="staff-sign-in-title" className={card}>
      <h1 id="staff-sign-in-title" className="text-2xl font-semibold tracking-tight">
        Staff sign-in
      </h1>
      {params['signed-out'] ? (
        <p role="status" className="mt-3 rounded-lg border border-green-300 bg-green-50 p-3 text-green-900">
          You are signed out.
        </p>
      ) : null}
      <p className="mt-3 text-slate-700">For the helpdesk and administrators: your staff username and password, and the code your authenticator app shows now for this portal’s staff account.</p>
      <ActionForm action={staffSignInAction} submitLabel="Sign in" pendingLabel="Signing in…" hidden={{ next }}>
        <TextField name="username" label="Username" autoComplete="username" maxLength={64} />
        <TextField name="password" label="Password" secret autoComplete="current-password" maxLength={128} />
        <TextField name="code" label="Authenticator code" hint="6 digits from your authenticator app. Each code works once." numeric autoComplete="one-time-code" maxLength={10} narrow />
      </ActionForm>
      <p className="mt-6 text-sm text-slate-700">
        Not staff? <Link href="/sign-in" className={linkClass}>Sign in to manage your own tokens</Link>.
      </p>
    </section>
  )
}
