import type { Metadata } from 'next'
import Link from 'next/link'
import { DoneMessage } from '@/components/done-message'
import { Pager } from '@/components/staff/pager'
import { StaffShell } from '@/components/staff/staff-shell'
import { STEP_LABELS, StuckEnrollmentFilters } from '@/components/staff/stuck-enrollment-filters'
import { StuckEnrollmentTable } from '@/components/staff/stuck-enrollment-table'
import { card, linkClass } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { listStuckEnrollments, ZStuckFilters } from '@/lib/enrollment'
import { dayListOf, getSettings } from '@/lib/settings'

export const metadata: Metadata = { title: 'Unfinished enrollments' }
export const dynamic = 'force-dynamic'

const PAGE = '/admin/enrollments'

// Administrators only: who was invited and has not finished enrolling, at which step.
export default async function EnrollmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireStaff({ role: 'ADMIN', returnTo: PAGE })
  const params = await searchParams
  const { step, days, page } = ZStuckFilters.parse({ step: params.step, days: params.days || undefined, page: params.page })
  const [list, settings] = await Promise.all([listStuckEnrollments({ step, days, page }), getSettings()])
  const sent = typeof params.sent === 'string' && /^\d{1,6}$/.test(params.sent) ? Number(params.sent) : null
  const reminderDays = dayListOf(settings.enrollmentReminderDays)
  const href = (p: number) => `${PAGE}?${new URLSearchParams({ ...(step ? { step } : {}), ...(days ? { days: String(days) } : {}), page: String(p) })}`
  const filtered = Boolean(step || days)
  return (
    <StaffShell session={session} current="enrollments">
      <section aria-labelledby="enrollments-title" className={card}>
        <h1 id="enrollments-title" className="text-2xl font-semibold tracking-tight">
          Unfinished enrollments
        </h1>
        <p className="mt-2 text-slate-700">
          People who were invited and have not finished setting up their token, at the furthest step they reached (the dashboard&apos;s funnel counts the same way).{' '}
          {reminderDays.length
            ? `Reminders go out ${reminderDays.join(' and ')} days after the invitation, while the link works.`
            : 'Automatic reminders are off.'}{' '}
          <Link href="/admin/policies#policy-enrollment" className={linkClass}>
            Change the reminder policy
          </Link>
        </p>
        <DoneMessage messages={{ sent: `New enrollment emails sent to ${sent ?? 0} ${sent === 1 ? 'person' : 'people'}. Their earlier links no longer work.` }} done={sent !== null ? 'sent' : undefined} />
        {params.problem === 'gone' ? (
          <p role="alert" className="mt-3 rounded-lg border border-red-300 bg-red-50 p-3 text-red-900">
            None of those people is still waiting to enroll. Nothing was sent.
          </p>
        ) : null}
        <StuckEnrollmentFilters step={step} days={days} />
        <h2 className="mt-6 text-lg font-semibold" id="stuck-count">
          {list.total === 0
            ? filtered
              ? 'No one matches these filters.'
              : 'No one is waiting to finish enrolling.'
            : `${list.total} ${list.total === 1 ? 'person' : 'people'}${step ? ` stuck at “${STEP_LABELS[step]}”` : ' not finished'}`}
        </h2>
        {list.total > 0 ? (
          <>
            <StuckEnrollmentTable rows={list.rows} step={step} days={days} />
            <Pager
              label="Pages of unfinished enrollments"
              previous={list.page > 1 ? { href: href(list.page - 1), label: 'Previous page' } : null}
              next={list.page < list.pages ? { href: href(list.page + 1), label: 'Next page' } : null}
            />
            {list.pages > 1 ? <p className="mt-2 text-sm text-slate-700">Page {list.page} of {list.pages}</p> : null}
          </>
        ) : null}
      </section>
    </StaffShell>
  )
}
