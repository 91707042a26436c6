import type { Metadata } from 'next'
import Link from 'next/link'
import { card, secondaryButton } from '@/components/ui'

export const metadata: Metadata = { title: 'Check your email' }

export default function PinResetSentPage() {
  return (
    <section aria-labelledby="sent-title" className={card}>
      <h1 id="sent-title" className="text-2xl font-semibold tracking-tight">
        Check your email
      </h1>
      <p className="mt-3 text-slate-700">
        If an account with a token matches what you entered, we have emailed it a link to set a new PIN. It works once, for an
        hour.
      </p>
      <p className="mt-6">
        <Link href="/sign-in" className={secondaryButton}>
          Back to sign-in
        </Link>
      </p>
    </section>
  )
}
