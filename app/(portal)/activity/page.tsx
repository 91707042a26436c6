import type { Metadata } from 'next'
import { LocalTime } from '@/components/portal/local-time'
import { PortalShell } from '@/components/portal/portal-shell'
import { DataTable } from '@/components/data-table'
import { card } from '@/components/ui'
import { requireUser } from '@/lib/auth'
import { listMyActivity } from '@/lib/self-service'
import { signOutAction } from '../actions'

export const metadata: Metadata = { title: 'Activity' }

const OUTCOME = { ok: 'text-green-800', refused: 'text-red-800 font-semibold', info: 'text-slate-800' } as const

export default async function ActivityPage() {
  const session = await requireUser({ returnTo: '/activity' })
  const entries = await listMyActivity({ userId: session.user.id })
  return (
    <PortalShell session={session} current="activity" signOut={signOutAction}>
      <section aria-labelledby="activity-title" className={card}>
        <h1 id="activity-title" className="text-2xl font-semibold tracking-tight">
          Activity
        </h1>
        <p className="mt-3 text-slate-700">
          Your last {entries.length === 50 ? '50 ' : ''}sign-ins and changes, newest first, in your own time zone. Something you
          do not recognise? Change your PIN and tell the helpdesk.
        </p>
        {entries.length === 0 ? (
          <p className="mt-4 text-slate-700">Nothing yet.</p>
        ) : (
          <DataTable
            caption="Your recent activity"
            rows={entries}
            rowKey={(e) => e.id}
            columns={[
              { header: 'When', cell: (e) => <LocalTime iso={e.at.toISOString()} />, className: 'whitespace-nowrap' },
              {
                header: 'What',
                cell: (e) => (
                  <span className={OUTCOME[e.outcome]}>
                    {e.what}
                    {e.detail ? <span className="block font-normal text-slate-600">{e.detail}</span> : null}
                  </span>
                ),
              },
              { header: 'From address', cell: (e) => e.ip ?? '—', className: 'font-mono' },
            ]}
          />
        )}
      </section>
    </PortalShell>
  )
}
