import Link from 'next/link'
import { linkClass, primaryButton } from '@/components/ui'
import { STUCK_AGE_DAYS, type StuckStep } from '@/lib/enrollment'

const selectClass = 'mt-1 block min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3 text-base'

export const STEP_LABELS: Record<StuckStep, string> = {
  invited: 'Invited (link not opened)',
  opened: 'Opened the link',
  started: 'Started (token not checked)',
  verified: 'Verified (PIN not set)',
}

/** The filters of /admin/enrollments: a GET form, so a filtered list has its own URL and works without JavaScript. */
export function StuckEnrollmentFilters({ step, days }: { step?: StuckStep; days?: number }) {
  return (
    <form action="/admin/enrollments" method="get" aria-label="Filter unfinished enrollments" className="mt-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="filter-step" className="block font-medium text-slate-900">
            Stuck at step
          </label>
          <select id="filter-step" name="step" defaultValue={step ?? ''} className={selectClass}>
            <option value="">Any step</option>
            {(Object.keys(STEP_LABELS) as StuckStep[]).map((s) => (
              <option key={s} value={s}>
                {STEP_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-days" className="block font-medium text-slate-900">
            Invited
          </label>
          <select id="filter-days" name="days" defaultValue={days ? String(days) : ''} className={selectClass}>
            <option value="">Any time</option>
            {STUCK_AGE_DAYS.map((d) => (
              <option key={d} value={d}>
                {d === 1 ? 'At least a day ago' : `At least ${d} days ago`}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <button type="submit" className={primaryButton}>
          Show
        </button>
        <Link href="/admin/enrollments" className={linkClass}>
          Clear filters
        </Link>
      </div>
    </form>
  )
}
