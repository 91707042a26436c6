import type { Metadata } from 'next'
import Link from 'next/link'
import { card, primaryButton } from '@/components/ui'
import { getSettings } from '@/lib/settings'

export const metadata: Metadata = { title: 'Enroll a token' }

export default async function EnrollPage() {
  const settings = await getSettings()
  return (
    <section aria-labelledby="enroll-title" className={card}>
      <h1 id="enroll-title" className="text-2xl font-semibold tracking-tight">
        Enroll a token
      </h1>
      <p className="mt-3 text-slate-700">
        Setting up a token starts from the enrollment email {settings.orgName} sent you. Open the link in that email on your
        phone or computer; you can forward the email to your phone first.
      </p>
      <h2 className="mt-6 text-lg font-semibold">No email, or the link does not work?</h2>
      {settings.selfRequestEnabled ? (
        <p className="mt-3">
          <Link href="/enroll/request" className={primaryButton}>
            Get a new enrollment link
          </Link>
        </p>
      ) : (
        <p className="mt-3 text-slate-700">Contact {settings.supportContact} to get a new link.</p>
      )}
    </section>
  )
}
