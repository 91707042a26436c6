import type { Metadata } from 'next'
import Link from 'next/link'
import { card, secondaryButton } from '@/components/ui'
import { getSettings } from '@/lib/settings'

export const metadata: Metadata = { title: 'Check your email' }

export default async function RequestSentPage() {
  const settings = await getSettings()
  const days = Math.round(settings.invitationTtlHours / 24)
  return (
    <section aria-labelledby="sent-title" className={card}>
      <h1 id="sent-title" className="text-2xl font-semibold tracking-tight">
        Check your email
      </h1>
      <p className="mt-3 text-slate-700">
        If an account matches what you entered, we have sent a new enrollment link to its email address. The link works for{' '}
        {days >= 1 ? `${days} day${days === 1 ? '' : 's'}` : `${settings.invitationTtlHours} hours`}.
      </p>
      <p className="mt-3 text-slate-700">
        Nothing after a few minutes? Check your junk folder, or contact {settings.supportContact}.
      </p>
      <p className="mt-6">
        <Link href="/" className={secondaryButton}>
          Back to the start page
        </Link>
      </p>
    </section>
  )
}
