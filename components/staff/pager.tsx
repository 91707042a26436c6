import Link from 'next/link'
import { secondaryButton } from '@/components/ui'

type PagerLink = { href: string; label: string } | null

/** Links to the neighbouring pages of a list (plain links: pages work without JavaScript). */
export function Pager({ label, previous, next }: { label: string; previous: PagerLink; next: PagerLink }) {
  if (!previous && !next) return null
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap justify-between gap-3">
      {previous ? (
        <Link href={previous.href} className={secondaryButton}>
          <span aria-hidden="true">←&nbsp;</span>
          {previous.label}
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={next.href} className={secondaryButton}>
          {next.label}
          <span aria-hidden="true">&nbsp;→</span>
        </Link>
      ) : null}
    </nav>
  )
}
