import type { Metadata } from 'next'
import Link from 'next/link'
import { card, secondaryButton } from '@/components/ui'
import { getSettings } from '@/lib/settings'

export const metadata: Metadata = { title: 'Check your email' }

export default async function SignInLinkSentPage() {
  const settings = await getSettings()
  return (
    <section aria-labelledby="sent-title" className={card}>
      <h1 id="sent-title" className="text-2xl font-semibold tracking-tight">
        Check your email
      </h1>
      <p className="mt-3 text-slate-700">
        If an account matches what you entered, we have emailed it a sign-in link. It works once, for 15 minutes.
      </p>
      <p className="mt-3 text-slate-700">Nothing after a few minutes? Check your junk folder, or contact {settings.supportContact}.</p>
      <p className="mt-6">
        <Link href="/sign-in" className={secondaryButton}>
          Back to sign-in
        </Link>
      </p>
    </section>
  )
}
