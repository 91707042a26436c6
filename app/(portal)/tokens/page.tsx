import type { Metadata } from 'next'
import Link from 'next/link'
import { DoneMessage } from '@/components/done-message'
import { PortalShell } from '@/components/portal/portal-shell'
import { StatusBadge } from '@/components/portal/status-badge'
import { TokenFacts } from '@/components/portal/token-facts'
import { card, primaryButton, secondaryButton } from '@/components/ui'
import { requireUser } from '@/lib/auth'
import { listMyTokens, type PortalEnrollmentProblem } from '@/lib/self-service'
import { getSettings } from '@/lib/settings'
import { signOutAction, startEnrollmentAction } from '../actions'

export const metadata: Metadata = { title: 'Manage my tokens' }

const DONE: Record<string, string> = {
  lost: 'Your token was reported lost. It no longer works anywhere, and every other device signed in to this portal was signed out.',
  revoked: 'Your token was revoked. It no longer works anywhere.',
  claimed: 'The hardware token is yours and active. Sign in with your PIN followed by a code from it.',
}

export default async function MyTokensPage({ searchParams }: { searchParams: Promise<{ done?: string; problem?: string }> }) {
  const session = await requireUser({ returnTo: '/tokens', limited: true })
  const [{ done, problem }, tokens, settings] = await Promise.all([searchParams, listMyTokens({ userId: session.user.id }), getSettings()])
  const limited = session.kind === 'LIMITED'
  const active = tokens.filter((t) => t.status === 'ACTIVE')
  const PROBLEMS: Record<PortalEnrollmentProblem, string> = {
    approval: `Your organisation asks the helpdesk to approve a new token. Contact ${settings.supportContact}.`,
    'not-yours': 'That token is not one of yours, or it no longer works.',
    'has-token': 'You still have a working token. Report it lost first, or sign in with it to move it to a new phone.',
    limit: `You can have ${settings.maxTokensPerUser === 1 ? 'one token' : `${settings.maxTokensPerUser} tokens`} at a time. Open a token and choose “Move to a new phone” to replace it.`,
  }
  const canAdd = limited ? active.length === 0 : active.length < Math.max(settings.maxTokensPerUser, 1)
  return (
    <PortalShell session={session} current="tokens" signOut={signOutAction}>
      <section aria-labelledby="tokens-title" className={card}>
        <h1 id="tokens-title" className="text-2xl font-semibold tracking-tight">
          My tokens
        </h1>
        <DoneMessage messages={DONE} done={done} />
        {problem && problem in PROBLEMS ? (
          <p role="alert" className="mt-3 rounded-lg border border-red-300 bg-red-50 p-3 font-medium text-red-800">
            {PROBLEMS[problem as PortalEnrollmentProblem]}
          </p>
        ) : null}
        {limited ? (
          <p className="mt-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950">
            You signed in without your token, so you can only report a token lost and set up a new one. To change a PIN or anything
            else, sign in with your PIN and code.
          </p>
        ) : null}
        {tokens.length === 0 ? (
          <p className="mt-4 text-slate-700">You have no token at the moment.</p>
        ) : (
          <ul className="mt-4 space-y-4">
            {tokens.map((token) => (
              <li key={token.id} className="rounded-xl border border-slate-200 p-4">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h2 className="text-lg font-semibold">{token.name}</h2>
                  <StatusBadge status={token.status} locked={Boolean(token.lock)} />
                </div>
                {!limited && token.status === 'ACTIVE' && token.pin.due !== 'ok' ? (
                  <p className="mt-2 font-medium text-amber-900">
                    {token.pin.due === 'expired' ? 'Your PIN has expired: choose a new one.' : token.pin.due === 'soon' ? 'Your PIN expires soon: choose a new one.' : 'This token has no PIN yet.'}
                  </p>
                ) : null}
                <TokenFacts token={token} />
                <p className="mt-3 flex flex-wrap gap-3">
                  {limited ? (
                    token.status !== 'LOST' ? (
                      <Link href={`/tokens/${token.id}/lost`} className={secondaryButton}>
                        Report {token.name} lost<span className="sr-only"> or stolen</span>
                      </Link>
                    ) : null
                  ) : (
                    <Link href={`/tokens/${token.id}`} className={secondaryButton}>
                      Manage {token.name}
                    </Link>
                  )}
                </p>
              </li>
            ))}
          </ul>
        )}
        {canAdd ? (
          <form action={startEnrollmentAction} className="mt-6">
            <button type="submit" className={primaryButton}>
              {active.length === 0 ? 'Set up a new token' : 'Add another token'}
            </button>
          </form>
        ) : null}
        {canAdd && settings.hardwareClaimEnabled ? (
          <p className="mt-3">
            <Link href="/tokens/claim" className={secondaryButton}>
              Claim a hardware token
            </Link>
          </p>
        ) : null}
      </section>
    </PortalShell>
  )
}
