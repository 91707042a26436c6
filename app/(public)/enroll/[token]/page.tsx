import type { Metadata } from 'next'
import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { StartForm, type StartProblem } from '@/components/enroll/start-form'
import { LinkProblem } from '@/components/link-problem'
import { card } from '@/components/ui'
import { BROWSER_COOKIE, enrollmentStep, needsProof, openInvitation, tokensToReplace, type ResolvedLink } from '@/lib/enrollment'
import { requestContext } from '@/lib/http'
import { allowedTokenTypes, detectPlatform } from '@/lib/policy'
import { getSettings } from '@/lib/settings'
import { isLockActive } from '@/lib/validate'
import { requestLinkAction } from '../request/actions'
import { startAction } from './actions'
import { stepPath } from './load-enrollment'

export const metadata: Metadata = { title: 'Set up your token' }

const when = (date: Date) => `${date.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })} UTC`

/** What to say after a wrong passcode at the proof step: tries left on this link, and any lock on the token. */
function proofMessage(link: Required<ResolvedLink>, maxFailures: number): string {
  const left = Math.max(maxFailures - link.invitation.failedVerifications, 0)
  const now = new Date()
  const locked = link.activeTokens.filter((t) => isLockActive({ lockedAt: t.lockedAt, lockedUntil: t.lockedUntil, now }))
  const lock =
    locked.length === link.activeTokens.length && locked.length > 0
      ? locked.every((t) => t.lockedUntil)
        ? ` Your current token is locked after too many wrong passcodes; it unlocks at ${when(locked.map((t) => t.lockedUntil!).sort((a, b) => a.getTime() - b.getTime())[0]!)}.`
        : ' Your current token is locked after too many wrong passcodes; your helpdesk can unlock it.'
      : ''
  return `That passcode did not work.${lock} Check your PIN and type the code your app shows now. ${left === 1 ? 'You have 1 try left' : `You have ${left} tries left`} with this link.`
}

// GET of an enrollment link. It only reads and records "opened": mail
// scanners fetch every link, so nothing here may consume the link or create
// a secret. That happens after the person presses Start (a POST), which
// binds the enrollment to their browser; any other browser sees only that
// it was started elsewhere, and may start again.
export default async function EnrollmentLinkPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>
  searchParams: Promise<{ error?: string }>
}) {
  const [{ token }, { error }, settings, requestHeaders, cookieStore] = await Promise.all([params, searchParams, getSettings(), headers(), cookies()])
  const link = await openInvitation({ token, browser: cookieStore.get(BROWSER_COOKIE)?.value ?? null, context: requestContext(requestHeaders) })
  // A hardware token's activation link (lib/inventory) opened at /enroll/: its own page.
  if (link.token?.status === 'ASSIGNED') redirect(`/activate/${encodeURIComponent(token)}`)
  const step = enrollmentStep(link)
  if (step !== 'start' && step !== 'elsewhere' && step !== 'problem') redirect(stepPath(token, step))

  if (step === 'problem' || !link.user || !link.invitation || !link.activeTokens) {
    return (
      <LinkProblem
        state={link.state === 'valid' ? 'unknown' : link.state}
        settingsAllowRequest={settings.selfRequestEnabled}
        supportContact={settings.supportContact}
        requestAction={requestLinkAction}
      />
    )
  }

  const live = link as Required<ResolvedLink>
  const types = allowedTokenTypes({ settings, platform: detectPlatform(requestHeaders) })
  const replace = await tokensToReplace({ userId: link.user.id, maxTokens: settings.maxTokensPerUser, replacesTokenId: link.invitation.replacesTokenId })
  const proof = needsProof(live)
  const problem: StartProblem = error === 'type' || error === 'proof' || error === 'passcode' ? error : null
  const form = (
    <StartForm
      action={startAction}
      token={token}
      types={types}
      proof={proof}
      restart={step === 'elsewhere'}
      problem={problem}
      proofError={problem === 'proof' ? proofMessage(live, settings.enrollmentMaxFailures) : undefined}
      submitLabel={step === 'elsewhere' ? 'Start again here' : proof ? 'Confirm and start' : 'Start'}
    />
  )
  const noToken = proof ? (
    <section aria-labelledby="no-token-title" className="mt-8 border-t border-slate-200 pt-6">
      <h2 id="no-token-title" className="text-lg font-semibold">
        No longer have your token, or forgot your PIN?
      </h2>
      <p className="mt-2 text-slate-700">
        Then this link cannot replace it. Contact {settings.supportContact}: they can check it is you and send you a link that
        does.
      </p>
    </section>
  ) : null

  if (step === 'elsewhere') {
    return (
      <section aria-labelledby="elsewhere-title" className={card}>
        <h1 id="elsewhere-title" className="text-2xl font-semibold tracking-tight">
          This setup was started on another device or browser
        </h1>
        <p className="mt-3 text-slate-700">
          For your safety, the secret key of a new token is shown only in the browser where Start was pressed. If that was you on
          another device, carry on there.
        </p>
        <p className="mt-3 text-slate-700">
          Or start again here: the setup on the other device stops working, and you add a new token to your app from this browser.
          If you did not start it yourself, start again here and tell {settings.supportContact}.
        </p>
        {form}
        {noToken}
      </section>
    )
  }

  return (
    <section aria-labelledby="start-title" className={card}>
      <h1 id="start-title" className="text-2xl font-semibold tracking-tight">
        Hello {link.user.displayName ?? link.user.username}, let’s set up your {replace.length ? 'new ' : ''}token
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
      {proof ? (
        <>
          <h2 className="mt-6 text-lg font-semibold">First, show it is you</h2>
          <p className="mt-2 text-slate-700">
            This link was asked for from the sign-in page, and your new token will replace the one you have. So that nobody who can
            read your email can take it over, type a passcode from your current token.
          </p>
        </>
      ) : null}
      {form}
      {noToken}
    </section>
  )
}
