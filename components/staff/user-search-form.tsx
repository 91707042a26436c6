import { primaryButton } from '@/components/ui'

/**
 * "Find a user": a GET form to /staff/users, so the query lands in the
 * results page's URL and works without JavaScript (console home and the
 * results page).
 */
export function UserSearchForm({ id, defaultValue }: { id: string; defaultValue?: string }) {
  return (
    <form action="/staff/users" method="get" role="search" aria-label="User search">
      <label htmlFor={id} className="block font-medium text-slate-900">
        Find a user
      </label>
      <p id={`${id}-hint`} className="mt-1 text-sm text-slate-700">
        Start of a username, email address, name or token serial (spaces and dashes in a serial read over the phone do not matter).
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        <input
          id={id}
          name="q"
          type="search"
          required
          maxLength={254}
          autoComplete="off"
          defaultValue={defaultValue}
          aria-describedby={`${id}-hint`}
          className="min-h-11 flex-1 rounded-lg border border-slate-400 px-3 text-base"
        />
        <button type="submit" className={primaryButton}>
          Search
        </button>
      </div>
    </form>
  )
}
