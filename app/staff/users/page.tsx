import type { Metadata } from 'next'
import { DirectoryResults } from '@/components/staff/directory-results'
import { Pager } from '@/components/staff/pager'
import { StaffShell } from '@/components/staff/staff-shell'
import { UserSearchForm } from '@/components/staff/user-search-form'
import { card } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { MAX_SEARCH_RESULTS, MIN_QUERY_LENGTH, searchDirectory, ZDirectorySearch } from '@/lib/users'

export const metadata: Metadata = { title: 'Find a user' }

const pageHref = (q: string, page: number) => `/staff/users?q=${encodeURIComponent(q)}${page > 1 ? `&page=${page}` : ''}`

// Helpdesk: one search box over usernames, emails, names and token serials, a page of 20 at a time.
export default async function FindUserPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { q, page } = ZDirectorySearch.parse(await searchParams)
  const session = await requireStaff({ returnTo: q ? pageHref(q, page) : '/staff/users' })
  const result = q.trim() ? await searchDirectory({ query: q, page }) : null

  return (
    <StaffShell session={session} current="users">
      <section aria-labelledby="users-title" className={card}>
        <h1 id="users-title" className="text-2xl font-semibold tracking-tight">
          Find a user
        </h1>
        <div className="mt-4">
          <UserSearchForm id="users-search" defaultValue={q} />
        </div>
        {result?.tooShort ? (
          <p role="status" className="mt-6 text-slate-800">
            Type at least {MIN_QUERY_LENGTH} characters to search.
          </p>
        ) : result && result.entries.length === 0 ? (
          <p role="status" className="mt-6 text-slate-800">
            {result.page > 1 ? `No more matches for “${q.trim()}”.` : `No user starts with “${q.trim()}”.`} The search looks at the start of usernames, email addresses, names and token serials.
          </p>
        ) : result ? (
          <>
            <h2 className="mt-6 text-lg font-semibold">
              Results for “{q.trim()}”{result.page > 1 || result.hasNext ? `, page ${result.page}` : ''}
            </h2>
            <DirectoryResults entries={result.entries} caption={`People whose username, email, name or token serial starts with “${q.trim()}”`} />
            {result.capped ? (
              <p className="mt-4 text-slate-800">More than {MAX_SEARCH_RESULTS.toLocaleString('en-GB')} people match: type more of what you are looking for.</p>
            ) : null}
            <Pager
              label="Pages of results"
              previous={result.page > 1 ? { href: pageHref(q, result.page - 1), label: 'Previous page' } : null}
              next={result.hasNext ? { href: pageHref(q, result.page + 1), label: 'Next page' } : null}
            />
          </>
        ) : null}
      </section>
    </StaffShell>
  )
}
