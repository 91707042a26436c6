import type { Metadata } from 'next'
import { ActionForm } from '@/components/forms/action-form'
import { TextField } from '@/components/forms/text-field'
import { card } from '@/components/ui'
import { requireStaff, safeStaffReturnPath, STAFF_REAUTH_MINUTES } from '@/lib/auth'
import { staffReauthenticateAction } from '../actions'

export const metadata: Metadata = { title: 'Confirm it’s you' }

// Where requireStaff({ recent: true }) sends a staff member whose last
// sign-in is older than 10 minutes, before a sensitive action.
export default async function StaffReauthenticatePage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeStaffReturnPath((await searchParams).next)
  const session = await requireStaff({ returnTo: `/staff/reauthenticate?next=${encodeURIComponent(next)}` })
  return (
    <section aria-labelledby="reauth-title" className={card}>
      <h1 id="reauth-title" className="text-2xl font-semibold tracking-tight">
        Confirm it’s you
      </h1>
      <p className="mt-3 text-slate-700">
        This action needs a sign-in within the last {STAFF_REAUTH_MINUTES} minutes. Type your password and a new code from your authenticator app, {session.staff.username}.
      </p>
      <ActionForm action={staffReauthenticateAction} submitLabel="Confirm" pendingLabel="Checking…" hidden={{ next }}>
        <TextField name="password" label="Password" secret autoComplete="current-password" maxLength={128} />
        <TextField name="code" label="Authenticator code" hint="6 digits from your authenticator app. Each code works once." numeric autoComplete="one-time-code" maxLength={10} narrow />
      </ActionForm>
    </section>
  )
}
