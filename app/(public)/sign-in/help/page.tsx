import type { Metadata } from 'next'
import Link from 'next/link'
import { RequestLinkForm } from '@/components/request-link-form'
import { card, linkClass } from '@/components/ui'
import { getSettings } from '@/lib/settings'
import { requestSignInLinkAction } from '../actions'

export const metadata: Metadata = { title: 'I can’t sign in' }

// Only messages this portal wrote are shown back: the query string is not trusted as page text.
const KNOWN_ERROR = /^(Enter your username or email address|That is too long for a username or email address|Too many requests\. Please wait (a minute|\d+ minutes) and try again\.)$/

export default async function SignInHelpPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const [{ error }, settings] = await Promise.all([searchParams, getSettings()])
  return (
    <section aria-labelledby="help-title" className={card}>
      <h1 id="help-title" className="text-2xl font-semibold tracking-tight">
        I can’t sign in
      </h1>
      <p className="mt-3 text-slate-700">
        Without a working passcode (a lost or broken phone, a token that no longer works) you can still sign in to report the
        token lost and set up a new one. Nothing else is possible that way.
      </p>
      <h2 className="mt-6 text-lg font-semibold">With a recovery code</h2>
      <p className="mt-2 text-slate-700">
        If you saved recovery codes when you set up your token,{' '}
        <Link href="/sign-in/recovery" className={linkClass}>
          sign in with a recovery code
        </Link>
        .
      </p>
      <h2 className="mt-6 text-lg font-semibold">With a link by email</h2>
      <p className="mt-2 text-slate-700">
        Enter your username or email address. If it matches an account, we email it a sign-in link that works once, for 15
        minutes.
      </p>
      <RequestLinkForm action={requestSignInLinkAction} submitLabel="Email me a sign-in link" error={error && KNOWN_ERROR.test(error) ? error : undefined} />
      <h2 className="mt-6 text-lg font-semibold">Token locked, or PIN forgotten?</h2>
      <p className="mt-2 text-slate-700">
        A locked token unlocks by itself after a while (the sign-in page tells you when). If you forgot your PIN,{' '}
        <Link href="/forgot-pin" className={linkClass}>
          set a new one
        </Link>
        . Anything else: contact {settings.supportContact}.
      </p>
    </section>
  )
}
