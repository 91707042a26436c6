import type { Metadata } from 'next'
import { LocalTime } from '@/components/portal/local-time'
import { PortalShell } from '@/components/portal/portal-shell'
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
          <div className="mt-4 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Your recent activity</caption>
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-2 pr-3">When</th>
                  <th scope="col" className="py-2 pr-3">What</th>
                  <th scope="col" className="py-2">From address</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id} className="border-b border-slate-100 align-top">
                    <td className="py-2 pr-3 whitespace-nowrap">
                      <LocalTime iso={e.at.toISOString()} />
                    </td>
                    <td className={`py-2 pr-3 ${OUTCOME[e.outcome]}`}>
                      {e.what}
                      {e.detail ? <span className="block font-normal text-slate-600">{e.detail}</span> : null}
                    </td>
                    <td className="py-2 font-mono">{e.ip ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </PortalShell>
  )
}
