import type { Metadata } from 'next'
import Link from 'next/link'
import { CardSection } from '@/components/card-section'
import { DoneMessage } from '@/components/done-message'
import { FactList } from '@/components/fact-list'
import { DormantTokenTable } from '@/components/staff/dormant-token-table'
import { StaffShell } from '@/components/staff/staff-shell'
import { card, dangerButton, linkClass } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { formatWhen } from '@/lib/format'
import { lastDailyMaintenance } from '@/lib/jobs'
import { describeMaintenance, runDormantTokens } from '@/lib/maintenance'

export const metadata: Metadata = { title: 'Maintenance' }

// Read at request time: the dry run is live.
export const dynamic = 'force-dynamic'

const LIST_LIMIT = 200
const count = (value: string | undefined) => (value && /^\d{1,9}$/.test(value) ? Number(value) : 0)

// Administrators only: what the daily maintenance (dormant tokens) would do now, a dry run that changes nothing, and "Run now".
export default async function MaintenancePage({ searchParams }: { searchParams: Promise<{ done?: string; warned?: string; disabled?: string; revoked?: string }> }) {
  const session = await requireStaff({ role: 'ADMIN', returnTo: '/admin/maintenance' })
  const [query, report, last] = await Promise.all([searchParams, runDormantTokens({ dryRun: true, listLimit: LIST_LIMIT }), lastDailyMaintenance()])
  const ran = `Maintenance ran: ${count(query.warned)} warned, ${count(query.disabled)} disabled, ${count(query.revoked)} revoked. Each change is in the audit log.`
  const steps = report.counts.warn + report.counts.disable + report.counts.revoke
  return (
    <StaffShell session={session} current={null}>
      <section aria-labelledby="maintenance-title" className={card}>
        <h1 id="maintenance-title" className="text-2xl font-semibold tracking-tight">
          Maintenance
        </h1>
        <p className="mt-2 text-slate-700">
          Once a day the server looks for dormant tokens: it emails the owner of each token left unused for the policy’s period (less the notice), and once the
          notice has run, disables or revokes the token. Using a token cancels its warning. The table below is a dry run: it changes nothing.
        </p>
        <DoneMessage messages={{ ran }} done={query.done} />
        <FactList
          facts={[
            [
              'Dormant-token policy',
              report.policy ? `${report.policy.action === 'DELETE' ? 'Revoke' : 'Disable'} tokens unused for ${report.policy.afterDays} days, warning the owner ${report.policy.warnDays} days ahead` : 'Off: tokens never count as dormant',
            ],
            ['Last daily run', last ? `${formatWhen(last.startedAt)}${last.result && 'error' in last.result ? ' (failed; see the server log)' : ''}` : 'not yet'],
          ]}
        />
        <p className="mt-3">
          <Link href="/admin/policies#policy-dormant" className={linkClass}>
            Change the dormant-token policy
          </Link>
        </p>
      </section>

      <CardSection id="next-run" title="What the next run would do">
        <p className="mt-2 text-slate-700">
          {describeMaintenance(report)}
        </p>
        {report.policy ? <DormantTokenTable items={report.items} /> : null}
        {report.more > 0 ? <p className="mt-3 text-slate-700">The first {LIST_LIMIT} steps are listed; {report.more.toLocaleString('en-GB')} more follow. `portal maintenance run --dry-run` lists them all.</p> : null}
        {report.policy && steps > 0 ? (
          <p className="mt-4">
            <Link href="/admin/maintenance/run" className={dangerButton}>
              Run now
            </Link>
          </p>
        ) : null}
      </CardSection>
    </StaffShell>
  )
}
