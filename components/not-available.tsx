import Link from 'next/link'
import type { ReactNode } from 'react'
import { card, secondaryButton } from './ui'

/**
 * An honest page for a part of the portal that is not built yet: it says so
 * and tells the person what to do instead. Nothing here pretends to work.
 */
export function NotAvailable({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-labelledby="not-available-title" className={card}>
      <h1 id="not-available-title" className="text-2xl font-semibold tracking-tight">
        {title}
      </h1>
      <p className="mt-2 inline-block rounded-full bg-amber-100 px-3 py-1 text-sm font-medium text-amber-900">
        Not available yet
      </p>
      <div className="mt-4 space-y-3 text-slate-700">{children}</div>
      <p className="mt-6">
        <Link href="/" className={secondaryButton}>
          Back to the start page
        </Link>
      </p>
    </section>
  )
}
