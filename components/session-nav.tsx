import Link from 'next/link'

export type SessionNavLink = { href: string; label: string; key: string }

/**
 * The navigation of a signed-in area (the user's portal, the staff console):
 * where to go, who is signed in, and sign-out (a POST, so a link cannot sign
 * anyone out).
 */
export function SessionNav({
  label,
  links,
  current,
  who,
  signOut,
}: {
  /** The nav landmark's name, e.g. "Your account" or "Staff console". */
  label: string
  links: SessionNavLink[]
  current: string | null
  who: string
  signOut: () => Promise<void>
}) {
  return (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
      <nav aria-label={label}>
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
          Signed in as <strong>{who}</strong>
        </span>
        <button type="submit" className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 px-3 font-medium text-slate-900 hover:bg-slate-50">
          Sign out
        </button>
      </form>
    </div>
  )
}
