import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { ActionForm } from '@/components/forms/action-form'
import { TextField } from '@/components/forms/text-field'
import { card, linkClass } from '@/components/ui'
import { getUserSession, safeReturnPath } from '@/lib/auth'
import { signInAction } from './actions'

export const metadata: Metadata = { title: 'Sign in' }

// Only messages this portal wrote are shown back (next-auth's credentials
// endpoint passes them here as ?error=): the query string is not trusted as page text.
const KNOWN_ERROR = /^(That did not work\. Check your username, and type your PIN followed by the code your app shows now\.|Enter your username and your passcode\.|Too many sign-in attempts\. Please wait (a minute|\d+ minutes) and try again\.|Your token is locked after too many wrong passcodes\. [^<>]{1,120})$/

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string; 'signed-out'?: string }> }) {
  const [params, session] = await Promise.all([searchParams, getUserSession()])
  const next = safeReturnPath(params.next)
  if (session) redirect(next)
  return (
    <section aria-labelledby="sign-in-title" className={card}>
      <h1 id="sign-in-title" className="text-2xl font-semibold tracking-tight">
        Sign in to manage your tokens
      </h1>
      {params.error ? (
        <p role="alert" className="mt-3 rounded-lg border border-red-300 bg-red-50 p-3 font-medium text-red-800">
          {KNOWN_ERROR.test(params.error) ? params.error : 'Sign-in did not work. Please try again.'}
        </p>
      ) : null}
      {params['signed-out'] ? (
        <p role="status" className="mt-3 rounded-lg border border-green-300 bg-green-50 p-3 text-green-900">
          You are signed out.
        </p>
      ) : null}
      <p className="mt-3 text-slate-700">
        Use your username and a passcode, as when you sign in to VPN: your PIN followed by the code your app shows now. That code
        is used up here, so wait for the next one before signing in anywhere else.
      </p>
      <ActionForm action={signInAction} submitLabel="Sign in" pendingLabel="Signing in…" hidden={{ next }}>
        <TextField name="username" label="Username" autoComplete="username" maxLength={64} />
        <TextField name="passcode" label="Passcode" hint="Your PIN followed by the code from your app, with no space." secret autoComplete="one-time-code" maxLength={72} />
      </ActionForm>
      <h2 className="mt-8 text-lg font-semibold">Trouble signing in?</h2>
      <ul className="mt-2 list-disc space-y-2 pl-6 text-slate-800">
        <li>
          <Link href="/forgot-pin" className={linkClass}>
            Forgot my PIN
          </Link>{' '}
          — set a new one with an emailed link and a code from your app.
        </li>
        <li>
          <Link href="/sign-in/help" className={linkClass}>
            I can’t sign in
          </Link>{' '}
          — lost phone, or no working token: sign in with a recovery code or an emailed link, report the token lost and set up a new one.
        </li>
      </ul>
    </section>
  )
}
