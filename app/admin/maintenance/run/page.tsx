import type { Metadata } from 'next'
import Link from 'next/link'
import { StaffShell } from '@/components/staff/staff-shell'
import { card, dangerButton, linkClass } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { describeMaintenance, runDormantTokens } from '@/lib/maintenance'
import { runMaintenanceAction } from '../actions'

export const metadata: Metadata = { title: 'Run maintenance now' }

export const dynamic = 'force-dynamic'

// The confirmation before a run: a page of its own, so it works without JavaScript.
export default async function RunMaintenancePage() {
  const session = await requireStaff({ role: 'ADMIN', returnTo: '/admin/maintenance/run', recent: true })
  const report = await runDormantTokens({ dryRun: true, listLimit: 0 })
  return (
    <StaffShell session={session} current={null}>
      <section aria-labelledby="run-title" className={card}>
        <p>
          <Link href="/admin/maintenance" className={linkClass}>
            ← Maintenance
          </Link>
        </p>
        <h1 id="run-title" className="mt-3 text-2xl font-semibold tracking-tight">
          Run maintenance now?
        </h1>
        <p className="mt-4 text-slate-700">{describeMaintenance(report)}</p>
        <p className="mt-4 rounded-lg border border-red-300 bg-red-50 p-3 text-red-900">
          Owners are emailed at once. Disabled tokens stop working until the helpdesk enables them; revoked tokens are gone for good (a hardware token keeps its seed
          until an admin returns it to the inventory).
        </p>
        <form action={runMaintenanceAction} className="mt-4 flex flex-wrap items-center gap-3">
          <button type="submit" className={dangerButton}>
            Run maintenance now
          </button>
          <Link href="/admin/maintenance" className={linkClass}>
            Cancel
          </Link>
        </form>
      </section>
    </StaffShell>
  )
}
