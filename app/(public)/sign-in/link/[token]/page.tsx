import type { Metadata } from 'next'
import Link from 'next/link'
import { card, primaryButton, secondaryButton } from '@/components/ui'
import { resolveUserLink } from '@/lib/user-links'
import { linkSignInAction } from '../../actions'

export const metadata: Metadata = { title: 'Sign in with your link' }

// A GET shows the button only: mail scanners open links, and must not use
// this one up. Signing in is the POST.
export default async function SignInLinkPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ error?: string }> }) {
  const [{ token }, { error }] = await Promise.all([params, searchParams])
  const link = await resolveUserLink({ token, purpose: 'SIGN_IN' })
  if (link.state !== 'valid' || error) {
    return (
      <section aria-labelledby="link-title" className={card}>
        <h1 id="link-title" className="text-2xl font-semibold tracking-tight">
          This sign-in link can no longer be used
        </h1>
        <p className="mt-3 text-slate-700">
          {link.state === 'expired'
            ? 'It was valid for 15 minutes.'
            : link.state === 'used' || error
              ? 'Each link works once, and this one was used.'
              : 'Check that you opened the whole link from the email, or ask for a new one.'}
        </p>
        <p className="mt-6">
          <Link href="/sign-in/help" className={secondaryButton}>
            Ask for a new link
          </Link>
        </p>
      </section>
    )
  }
  return (
    <section aria-labelledby="link-title" className={card}>
      <h1 id="link-title" className="text-2xl font-semibold tracking-tight">
        Sign in as {link.user!.username}
      </h1>
      <p className="mt-3 text-slate-700">
        This link signs you in without your token, to report it lost and set up a new one. It works once.
      </p>
      <form action={linkSignInAction} className="mt-6">
        <input type="hidden" name="token" value={token} />
        <button type="submit" className={primaryButton}>
          Sign in
        </button>
      </form>
    </section>
  )
}
