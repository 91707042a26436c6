import type { Metadata } from 'next'
import { AuditFilterForm } from '@/components/staff/audit-filter-form'
import { AuditTable } from '@/components/staff/audit-table'
import { Pager } from '@/components/staff/pager'
import { StaffShell } from '@/components/staff/staff-shell'
import { card, secondaryButton } from '@/components/ui'
import { auditCursorToken, auditFilterParams, listAuditEvents, ZAuditPageQuery } from '@/lib/audit'
import { requireStaff } from '@/lib/auth'

export const metadata: Metadata = { title: 'Audit log' }

// Helpdesk: the audit log, newest first, 50 a page, filtered by user, staff member, action and days.
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { filters, cursor } = ZAuditPageQuery.parse(await searchParams)
  const params = auditFilterParams(filters)
  const query = params.size ? `?${params.toString().replace(/\+/g, '%20')}` : ''
  const session = await requireStaff({ returnTo: `/staff/audit${query}` })
  const page = await listAuditEvents({ filters, cursor })
  const link = (key: 'older' | 'newer', event: { at: Date; id: string }) => {
    const p = new URLSearchParams(params)
    p.set(key, auditCursorToken(event))
    return `/staff/audit?${p.toString()}`
  }
  const first = page.events[0]
  const last = page.events.at(-1)

  return (
    <StaffShell session={session} current="audit">
      <section aria-labelledby="audit-title" className={card}>
        <h1 id="audit-title" className="text-2xl font-semibold tracking-tight">
          Audit log
        </h1>
        <p className="mt-3 text-slate-800">Newest first, 50 a page. Times and days are in UTC.</p>
        <AuditFilterForm filters={filters} />
        {page.unknown ? (
          <p role="status" className="mt-6 text-slate-800">
            {page.unknown === 'user' ? `No user is named “${filters.user}”.` : `No staff member is named “${filters.staff}”.`}
          </p>
        ) : page.events.length === 0 ? (
          <p role="status" className="mt-6 text-slate-800">
            No events match these filters.
          </p>
        ) : (
          <>
            <div className="mt-6 flex flex-wrap items-center justify-between gap-3">
              <h2 className="text-lg font-semibold">Events</h2>
              {/* A plain link, not next/link: a prefetch would run (and audit) an export. */}
              <a href={`/staff/audit/export${query}`} className={secondaryButton}>
                Download CSV
              </a>
            </div>
            <AuditTable events={page.events} caption="Audit events, newest first" />
            <Pager
              label="Pages of the audit log"
              previous={page.hasNewer && first ? { href: link('newer', first), label: 'Newer' } : null}
              next={page.hasOlder && last ? { href: link('older', last), label: 'Older' } : null}
            />
          </>
        )}
      </section>
    </StaffShell>
  )
}
