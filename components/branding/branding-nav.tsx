import Link from 'next/link'

/** Between the two branding pages: the portal's look and the emails' texts. */
export function BrandingNav({ current }: { current: 'branding' | 'emails' }) {
  const links = [
    { href: '/admin/branding', label: 'Look and content', key: 'branding' },
    { href: '/admin/branding/emails', label: 'Email templates', key: 'emails' },
  ] as const
  return (
    <nav aria-label="Branding sections" className="mt-3">
      <ul className="flex flex-wrap gap-4">
        {links.map((link) => (
          <li key={link.key}>
            <Link href={link.href} aria-current={current === link.key ? 'page' : undefined} className="inline-flex min-h-11 items-center font-medium text-brand underline underline-offset-2 aria-[current=page]:no-underline aria-[current=page]:text-slate-900">
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
