import Link from 'next/link'
import { linkClass, primaryButton } from '@/components/ui'
import { AUDIT_ACTION_PREFIXES, type TAuditFilters } from '@/lib/audit'

const inputClass = 'mt-1 block min-h-11 w-full rounded-lg border border-slate-400 px-3 text-base'

function Field({ name, label, hint, type = 'text', defaultValue, list }: { name: keyof TAuditFilters; label: string; hint?: string; type?: 'text' | 'date'; defaultValue: string; list?: string }) {
  const id = `audit-${name}`
  return (
    <div>
      <label htmlFor={id} className="block font-medium text-slate-900">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        maxLength={64}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        list={list}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className={inputClass}
      />
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
    </div>
  )
}

/** The audit view's filters: a GET form, so the filtered view has its own URL and works without JavaScript. */
export function AuditFilterForm({ filters }: { filters: TAuditFilters }) {
  return (
    <form action="/staff/audit" method="get" aria-label="Filter the audit log" className="mt-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Field name="user" label="User" hint="Username: events about the user and their tokens." defaultValue={filters.user} />
        <Field name="staff" label="Staff member" hint="Username of the staff member who acted." defaultValue={filters.staff} />
        <Field name="action" label="Action starts with" hint="For example token. or staff.signed-in" defaultValue={filters.action} list="audit-action-prefixes" />
        <Field name="from" label="From (UTC)" type="date" hint="First day, included." defaultValue={filters.from} />
        <Field name="to" label="To (UTC)" type="date" hint="Last day, included." defaultValue={filters.to} />
      </div>
      <datalist id="audit-action-prefixes">
        {AUDIT_ACTION_PREFIXES.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <button type="submit" className={primaryButton}>
          Filter
        </button>
        <Link href="/staff/audit" className={linkClass}>
          Clear filters
        </Link>
      </div>
    </form>
  )
}
