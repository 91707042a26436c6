import type { Metadata } from 'next'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { LinkProblem } from '@/components/link-problem'
import { card, primaryButton } from '@/components/ui'
import { enrollmentStep, openInvitation, tokensToReplace } from '@/lib/enrollment'
import { requestContext } from '@/lib/http'
import { allowedTokenTypes, detectPlatform } from '@/lib/policy'
import { getSettings } from '@/lib/settings'
import { startAction } from './actions'
import { stepPath } from './load-enrollment'

export const metadata: Metadata = { title: 'Set up your token' }

const when = (date: Date) => `${date.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })} UTC`

// GET of an enrollment link. It only reads and records "opened": mail
// scanners fetch every link, so nothing here may consume the link or create
// a secret. That happens after the person presses Start (a POST).
export default async function EnrollmentLinkPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>
  searchParams: Promise<{ error?: string }>
}) {
  const [{ token }, { error }, settings, requestHeaders] = await Promise.all([params, searchParams, getSettings(), headers()])
  const link = await openInvitation({ token, context: requestContext(requestHeaders) })
  const step = enrollmentStep(link)
  if (step !== 'start' && step !== 'problem') redirect(stepPath(token, step))

  if (step === 'problem' || !link.user || !link.invitation) {
    return (
      <LinkProblem
        state={link.state === 'valid' ? 'unknown' : link.state}
        settingsAllowRequest={settings.selfRequestEnabled}
        supportContact={settings.supportContact}
      />
    )
  }

  const types = allowedTokenTypes({ settings, platform: detectPlatform(requestHeaders) })
  const replace = await tokensToReplace({ userId: link.user.id, maxTokens: settings.maxTokensPerUser })
  return (
    <section aria-labelledby="start-title" className={card}>
      <h1 id="start-title" className="text-2xl font-semibold tracking-tight">
        Hello {link.user.displayName ?? link.user.username}, let’s set up your token
      </h1>
      <p className="mt-3 text-slate-700">
        Your token is an app that shows a fresh one-time code, which you type after a PIN to sign in to VPN and remote desktop. Setting
        it up takes about five minutes. You will need your phone (or this computer, if you keep codes on it).
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
      {replace.length ? (
        <p role="note" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950">
          You already have {replace.length === 1 ? 'a token' : 'tokens'} ({replace.map((t) => t.name ?? t.serial).join(', ')}). It keeps
          working until your new token is set up, and is then replaced.
        </p>
      ) : null}
      <form action={startAction} className="mt-6 space-y-4">
        <input type="hidden" name="token" value={token} />
        {types.length === 1 ? <input type="hidden" name="type" value={types[0]} /> : null}
        {types.length > 1 ? (
          <fieldset>
            <legend className="font-medium text-slate-900">Kind of token</legend>
            {error === 'type' ? (
              <p role="alert" className="mt-1 font-medium text-red-700">
                Choose one of the kinds below.
              </p>
            ) : null}
            <div className="mt-2 space-y-2">
              <label className="flex min-h-11 items-start gap-3">
                <input type="radio" name="type" value="TOTP" defaultChecked className="mt-1 h-5 w-5" />
                <span>
                  <strong>Time-based</strong> (recommended): a new code every 30 seconds.
                </span>
              </label>
              <label className="flex min-h-11 items-start gap-3">
                <input type="radio" name="type" value="HOTP" className="mt-1 h-5 w-5" />
                <span>
                  <strong>Counter-based</strong>: a new code each time you ask the app for one. For phones whose clock is often
                  wrong.
                </span>
              </label>
            </div>
          </fieldset>
        ) : null}
        <button type="submit" className={primaryButton}>
          Start
        </button>
      </form>
    </section>
  )
}
