import { ScrollTable } from '@/components/scroll-table'
import { primaryButton, secondaryButton } from '@/components/ui'
import type { StuckLink, StuckRow, StuckStep } from '@/lib/enrollment'
import { formatWhen } from '@/lib/format'
import { STEP_LABELS } from './stuck-enrollment-filters'

const LINK_LABELS: Record<StuckLink, string> = { live: 'Works', expired: 'Expired', locked: 'Locked (too many wrong codes)', revoked: 'Revoked' }

/**
 * The stuck people, each with a checkbox, in one GET form to the
 * confirmation page (/admin/enrollments/reinvite): nothing is sent from
 * here, so the form needs no protection beyond the page's own sign-in, and
 * it works without JavaScript. With a step chosen, a second button takes
 * everyone stuck at that step (every page, not just this one).
 */
export function StuckEnrollmentTable({ rows, step, days }: { rows: StuckRow[]; step?: StuckStep; days?: number }) {
  return (
    <form action="/admin/enrollments/reinvite" method="get" aria-label="Choose people to send a new enrollment email">
      {step ? <input type="hidden" name="step" value={step} /> : null}
      {days ? <input type="hidden" name="days" value={days} /> : null}
      <ScrollTable caption="People who have not finished enrolling" columns={['Select', 'Person', 'Stuck at', 'Invited', 'Link', 'Reminders sent']} minWidth="min-w-[44rem]">
        {rows.map((r) => (
          <tr key={r.userId} className="border-b border-slate-200 align-top">
            <td className="py-2 pr-4">
              <input type="checkbox" name="user" value={r.userId} aria-label={`Select ${r.username}`} className="h-5 w-5" />
            </td>
            <th scope="row" className="py-2 pr-4 font-medium">
              {r.name ?? r.username}
              <span className="block text-xs font-normal text-slate-600">
                {r.username} · {r.email}
              </span>
            </th>
            <td className="py-2 pr-4">{STEP_LABELS[r.step]}</td>
            <td className="py-2 pr-4">{formatWhen(r.invitedAt)}</td>
            <td className="py-2 pr-4">
              {LINK_LABELS[r.link]}
              {r.link === 'live' ? <span className="block text-xs text-slate-600">until {formatWhen(r.expiresAt)}</span> : null}
            </td>
            <td className="py-2">{r.reminders}</td>
          </tr>
        ))}
      </ScrollTable>
      <div className="mt-4 flex flex-wrap gap-3">
        <button type="submit" name="scope" value="selected" className={primaryButton}>
          Send a new enrollment email to the selected people
        </button>
        {step ? (
          <button type="submit" name="scope" value="all" className={secondaryButton}>
            Send a new enrollment email to everyone stuck at this step
          </button>
        ) : null}
      </div>
    </form>
  )
}
