import type { Metadata } from 'next'
import { RequestLinkForm } from '@/components/request-link-form'
import { card } from '@/components/ui'
import { UNAVAILABLE_MESSAGE } from '@/lib/enrollment'
import { getSettings } from '@/lib/settings'
import { requestLinkAction } from './actions'

export const metadata: Metadata = { title: 'Get a new enrollment link' }

// Only messages this portal wrote are shown back: the query string is not trusted as page text.
const KNOWN_ERROR = /^(Enter your username or email address|That is too long for a username or email address|Too many requests\. Please wait (a minute|\d+ minutes) and try again\.)$/

export default async function RequestLinkPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const [{ error }, settings] = await Promise.all([searchParams, getSettings()])
  return (
    <section aria-labelledby="request-title" className={card}>
      <h1 id="request-title" className="text-2xl font-semibold tracking-tight">
        Get a new enrollment link
      </h1>
      {settings.selfRequestEnabled ? (
        <>
          <p className="mt-3 text-slate-700">
            Enter your username or email address. If it matches an account, we will email that account a new link to set up
            your token. A link you already have keeps working until it expires.
          </p>
          <RequestLinkForm action={requestLinkAction} submitLabel="Send me a new link" error={error && (KNOWN_ERROR.test(error) || error === UNAVAILABLE_MESSAGE) ? error : undefined} />
        </>
      ) : (
        <p className="mt-3 text-slate-700">
          Links are sent by your helpdesk in this organisation. Contact {settings.supportContact} to get one.
        </p>
      )}
    </section>
  )
}
