import Link from 'next/link'
import type { ReactNode } from 'react'
import { card, secondaryButton } from '@/components/ui'
import { getSettings } from '@/lib/settings'

/**
 * The page after asking for a link by email: what was sent (worded so it
 * never tells whether an account exists), what to do if nothing comes, and
 * the way back.
 */
export async function CheckYourEmail({ children, back }: { children: ReactNode; back: { href: string; label: string } }) {
  const settings = await getSettings()
  return (
    <section aria-labelledby="sent-title" className={card}>
      <h1 id="sent-title" className="text-2xl font-semibold tracking-tight">
        Check your email
      </h1>
      <p className="mt-3 text-slate-700">{children}</p>
      <p className="mt-3 text-slate-700">Nothing after a few minutes? Check your junk folder, or contact {settings.supportContact}.</p>
      <p className="mt-6">
        <Link href={back.href} className={secondaryButton}>
          {back.label}
        </Link>
      </p>
    </section>
  )
}
