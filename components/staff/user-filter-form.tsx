import { inputClass } from '@/components/enroll/field-errors'
import { secondaryButton } from '@/components/ui'
import { USER_STATE_LABELS, USER_STATES, type TUserFilter } from '@/lib/users'

/** The users list's filter: a plain GET form, so the filtered list is a link and works without JavaScript. */
export function UserFilterForm({ filter }: { filter: TUserFilter }) {
  return (
    <form method="get" action="/admin/users" role="search" aria-label="Filter users" className="mt-4 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
      <div>
        <label htmlFor="filter-state" className="font-medium text-slate-900">
          State
        </label>
        <select id="filter-state" name="state" defaultValue={filter.state ?? ''} className={inputClass}>
          <option value="">Any state</option>
          {USER_STATES.map((s) => (
            <option key={s} value={s}>
              {USER_STATE_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-group" className="font-medium text-slate-900">
          Group
        </label>
        <input id="filter-group" name="group" defaultValue={filter.group ?? ''} autoComplete="off" maxLength={64} className={inputClass} />
      </div>
      <button type="submit" className={secondaryButton}>
        Filter
      </button>
    </form>
  )
}
