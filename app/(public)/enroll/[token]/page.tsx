import type { Metadata } from 'next'
import { headers } from 'next/headers'
import { LinkProblem } from '@/components/link-problem'
import { card } from '@/components/ui'
import { openInvitation } from '@/lib/enrollment'
import { requestContext } from '@/lib/http'
import { getSettings } from '@/lib/settings'

export const metadata: Metadata = { title: 'Set up your token' }

const when = (date: Date) =>
  `${date.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })} UTC`

// GET of an enrollment link. It only reads and records "opened": mail
// scanners fetch every link, so nothing here may consume the link or create
// a secret. That happens after the person presses Start (a POST).
export default async function EnrollmentLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, settings, context] = await Promise.all([params, getSettings(), headers().then(requestContext)])
  const link = await openInvitation({ token, context })

  if (link.state !== 'valid' || !link.user || !link.invitation) {
    return (
      <LinkProblem
        state={link.state === 'valid' ? 'unknown' : link.state}
        settingsAllowRequest={settings.selfRequestEnabled}
        supportContact={settings.supportContact}
      />
    )
  }

  return (
    <section aria-labelledby="start-title" className={card}>
      <h1 id="start-title" className="text-2xl font-semibold tracking-tight">
        Hello {link.user.displayName ?? link.user.username}, let’s set up your token
      </h1>
      <p className="mt-3 text-slate-700">
        It takes about five minutes. You will need your phone (or this computer, if you use an authenticator app on it).
      </p>
      <ol className="mt-4 list-decimal space-y-2 pl-6 text-slate-800">
        <li>Install an authenticator app, if you do not have one yet.</li>
        <li>Add your token to the app: one tap on a phone, or scan a QR code from a computer.</li>
        <li>Type the code the app shows, to prove it works.</li>
        <li>Choose a PIN and a name for your token.</li>
      </ol>
      <p className="mt-4 text-sm text-slate-600">
        This link is for <strong>{link.user.username}</strong> and works until {when(link.invitation.expiresAt)}.
      </p>
      <div role="status" className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950">
        <p className="font-semibold">Token setup is not available yet</p>
        <p className="mt-1">
          Your link is valid and stays valid: keep the email, and open the link again once your helpdesk tells you setup is
          open.
        </p>
      </div>
    </section>
  )
}
