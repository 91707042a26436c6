import type { Metadata } from 'next'
import Link from 'next/link'
import { card, secondaryButton } from '@/components/ui'

export const metadata: Metadata = { title: 'Page not found' }

export default function NotFound() {
  return (
    <section aria-labelledby="nf-title" className={card}>
      <h1 id="nf-title" className="text-2xl font-semibold tracking-tight">
        Page not found
      </h1>
      <p className="mt-3 text-slate-700">The address may be mistyped, or the page has moved.</p>
      <p className="mt-6">
        <Link href="/" className={secondaryButton}>
          Back to the start page
        </Link>
      </p>
    </section>
  )
}
