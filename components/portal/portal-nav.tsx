import Link from 'next/link'

/**
 * The signed-in portal's own navigation: where to go and who is signed in,
 * with sign-out (a POST). A limited session (emailed link, recovery code)
 * sees only what it may use.
 */
export function PortalNav({
  username,
  limited,
  current,
  signOut,
}: {
  username: string
  limited: boolean
  current: 'tokens' | 'recovery-codes' | 'activity' | null
  signOut: () => Promise<void>
}) {
  const links = limited
    ? [{ href: '/tokens', label: 'My tokens', key: 'tokens' }]
    : [
        { href: '/tokens', label: 'My tokens', key: 'tokens' },
        { href: '/recovery-codes', label: 'Recovery codes', key: 'recovery-codes' },
        { href: '/activity', label: 'Activity', key: 'activity' },
      ]
  return (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
      <nav aria-label="Your account">
        <ul className="flex flex-wrap gap-2">
          {links.map((l) => (
            <li key={l.key}>
              <Link
                href={l.href}
                aria-current={current === l.key ? 'page' : undefined}
                className="inline-flex min-h-11 items-center rounded-lg px-3 font-medium text-slate-800 hover:bg-slate-100 aria-[current=page]:bg-slate-200"
              >
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form action={signOut} className="flex items-center gap-3 text-sm text-slate-700">
        <span>
          Signed in as <strong>{username}</strong>
          {limited ? ' (limited)' : ''}
        </span>
        <button type="submit" className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 px-3 font-medium text-slate-900 hover:bg-slate-50">
          Sign out
        </button>
      </form>
    </div>
  )
}
