import type { Metadata } from 'next'
import { DashboardCharts } from '@/components/dashboard/dashboard-charts'
import { StaffShell } from '@/components/staff/staff-shell'
import { card } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { getDashboard } from '@/lib/dashboard'

export const metadata: Metadata = { title: 'Dashboard' }

// Read at request time: the figures are live.
export const dynamic = 'force-dynamic'

// Administrators only: the roll-out at a glance, every chart drawn on the server.
export default async function DashboardPage() {
  const session = await requireStaff({ role: 'ADMIN', returnTo: '/admin' })
  const dashboard = await getDashboard()
  return (
    <StaffShell session={session} current="dashboard">
      <section aria-labelledby="dashboard-title" className={card}>
        <h1 id="dashboard-title" className="text-2xl font-semibold tracking-tight">
          Dashboard
        </h1>
        <p className="mt-2 text-sm text-slate-700">
          Figures as of <time dateTime={dashboard.at.toISOString()}>{dashboard.at.toISOString().slice(0, 16).replace('T', ' ')} UTC</time>. Days are UTC calendar days.
        </p>
        {dashboard.empty ? (
          <p role="status" className="mt-4 rounded-lg border border-slate-300 bg-slate-50 p-4 text-slate-900">
            No data yet: there are no users, tokens or validations. Add users and send invitations (CLI <code>portal user add</code>, <code>portal invite</code>); the figures and charts fill in as people enroll and sign in.
          </p>
        ) : null}
      </section>
      <DashboardCharts dashboard={dashboard} />
    </StaffShell>
  )
}
