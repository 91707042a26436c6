import type { Metadata } from 'next'
import { RequestLinkForm } from '@/components/request-link-form'
import { card } from '@/components/ui'
import { getSettings } from '@/lib/settings'
import { requestPinResetAction } from './actions'

export const metadata: Metadata = { title: 'Forgot my PIN' }

// Only messages this portal wrote are shown back: the query string is not trusted as page text.
const KNOWN_ERROR = /^(Enter your username or email address|That is too long for a username or email address|Too many requests\. Please wait (a minute|\d+ minutes) and try again\.)$/

export default async function ForgotPinPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const [{ error }, settings] = await Promise.all([searchParams, getSettings()])
  return (
    <section aria-labelledby="forgot-title" className={card}>
      <h1 id="forgot-title" className="text-2xl font-semibold tracking-tight">
        Forgot my PIN
      </h1>
      <p className="mt-3 text-slate-700">
        Enter your username or email address. If it matches an account with a token, we email it a link to set a new PIN. You
        will need your token’s app: the page asks for a code from it, so nobody with only your email can change your PIN.
      </p>
      <RequestLinkForm action={requestPinResetAction} submitLabel="Email me a link" error={error && KNOWN_ERROR.test(error) ? error : undefined} />
      <p className="mt-6 text-slate-700">Lost the phone with your token as well? Contact {settings.supportContact}, or use a recovery code on the sign-in page.</p>
    </section>
  )
}
