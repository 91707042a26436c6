import type { Metadata } from 'next'
import Link from 'next/link'
import { card, primaryButton } from '@/components/ui'

export const metadata: Metadata = { title: 'Your new PIN is set' }

export default function PinResetDonePage() {
  return (
    <section aria-labelledby="done-title" className={card}>
      <h1 id="done-title" className="text-2xl font-semibold tracking-tight">
        Your new PIN is set
      </h1>
      <p className="mt-3 text-slate-700">
        From now on, sign in with your new PIN followed by the code your app shows. Any session signed in before has ended.
      </p>
      <p className="mt-6">
        <Link href="/sign-in" className={primaryButton}>
          Sign in
        </Link>
      </p>
    </section>
  )
}
