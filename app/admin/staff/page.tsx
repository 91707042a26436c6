import type { Metadata } from 'next'
import Link from 'next/link'
import { DataTable } from '@/components/data-table'
import { ActionForm } from '@/components/forms/action-form'
import { ChoiceField } from '@/components/forms/choice-field'
import { TextField } from '@/components/forms/text-field'
import { StaffShell } from '@/components/staff/staff-shell'
import { card, linkClass } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { formatWhen } from '@/lib/format'
import { listStaffUsers } from '@/lib/staff'
import { inviteStaffAction } from './actions'
import { CardSection } from '@/components/card-section'

export const metadata: Metadata = { title: 'Staff accounts' }

const STATUS = { pending: 'Invited, set-up not finished', active: 'Active', disabled: 'Disabled' } as const

// Administrators only: who has access to the console, with which role; invite someone new.
export default async function AdminStaffPage({ searchParams }: { searchParams: Promise<{ invited?: string }> }) {
  const session = await requireStaff({ role: 'ADMIN', returnTo: '/admin/staff' })
  const [staff, { invited }] = await Promise.all([listStaffUsers(), searchParams])
  return (
    <StaffShell session={session} current="accounts">
      <section aria-labelledby="accounts-title" className={card}>
        <h1 id="accounts-title" className="text-2xl font-semibold tracking-tight">
          Staff accounts
        </h1>
        {invited && staff.some((s) => s.username === invited) ? (
          <p role="status" className="mt-3 rounded-lg border border-green-300 bg-green-50 p-3 text-green-900">
            {invited} was invited. Their set-up link is on its way by email and works once, for 24 hours.
          </p>
        ) : null}
        <DataTable
          caption="Staff accounts, by username"
          rows={staff}
          rowKey={(s) => s.id}
          columns={[
            {
              header: 'Username',
              cell: (s) => (
                <Link href={`/admin/staff/${s.id}`} className={linkClass}>
                  {s.username}
                </Link>
              ),
              className: 'font-medium',
            },
            { header: 'Name', cell: (s) => s.displayName ?? '—' },
            { header: 'Email', cell: (s) => s.email, className: 'break-all' },
            { header: 'Role', cell: (s) => s.role },
            { header: 'Status', cell: (s) => STATUS[s.status] },
            { header: 'Last sign-in', cell: (s) => (s.lastSignInAt ? formatWhen(s.lastSignInAt) : 'never') },
          ]}
        />
      </section>

      <CardSection id="invite" title="Invite a staff member">
        <p className="mt-2 text-slate-700">They get an email with a one-time link (24 hours) to choose a password and add an authenticator app. The command line does the same: <code className="font-mono">portal staff add</code>.</p>
        <ActionForm action={inviteStaffAction} submitLabel="Send the invitation" pendingLabel="Sending…">
          <TextField name="username" label="Username" maxLength={64} />
          <TextField name="email" label="Email" autoComplete="off" maxLength={254} />
          <TextField name="displayName" label="Name (optional)" maxLength={200} />
          <ChoiceField
            name="role"
            legend="Role"
            choices={[
              { value: 'helpdesk', label: 'Helpdesk', hint: 'Find users, verify callers, reset PINs, unlock, temporary passcodes, revoke.' },
              { value: 'admin', label: 'Administrator', hint: 'Everything the helpdesk does, plus staff accounts, policies and gateways.' },
            ]}
          />
        </ActionForm>
      </CardSection>
    </StaffShell>
  )
}
