import type { Metadata } from 'next'
import { DataTable } from '@/components/data-table'
import { StaffShell } from '@/components/staff/staff-shell'
import { card } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { formatWhen } from '@/lib/format'
import { listStaffUsers } from '@/lib/staff'

export const metadata: Metadata = { title: 'Staff accounts' }

// Administrators only: who has access to the console, with which role.
export default async function StaffAccountsPage() {
  const session = await requireStaff({ role: 'ADMIN', returnTo: '/staff/accounts' })
  const staff = await listStaffUsers()
  return (
    <StaffShell session={session} current="accounts">
      <section aria-labelledby="accounts-title" className={card}>
        <h1 id="accounts-title" className="text-2xl font-semibold tracking-tight">
          Staff accounts
        </h1>
        <p className="mt-3 text-slate-700">
          Add staff from the command line: <code className="font-mono">npm run portal -- staff add --username &lt;u&gt; --email &lt;e&gt; --role helpdesk</code>.
        </p>
        <DataTable
          caption="Staff accounts, by username"
          rows={staff}
          rowKey={(s) => s.id}
          columns={[
            { header: 'Username', cell: (s) => s.username, className: 'font-medium' },
            { header: 'Email', cell: (s) => s.email, className: 'break-all' },
            { header: 'Role', cell: (s) => s.role },
            { header: 'Status', cell: (s) => (s.status === 'pending' ? 'set-up not finished' : s.status) },
            { header: 'Last sign-in', cell: (s) => (s.lastSignInAt ? formatWhen(s.lastSignInAt) : 'never') },
          ]}
        />
      </section>
    </StaffShell>
  )
}
