import type { Metadata } from 'next'
import Link from 'next/link'
import { DoneMessage } from '@/components/done-message'
import { PortalShell } from '@/components/portal/portal-shell'
import { StatusBadge } from '@/components/portal/status-badge'
import { TokenFacts } from '@/components/portal/token-facts'
import { card, linkClass } from '@/components/ui'
import { signOutAction } from '../../actions'
import { loadMyToken } from './load-token'

export const metadata: Metadata = { title: 'Manage a token' }

const DONE: Record<string, string> = {
  pin: 'Your new PIN is set. Every other device signed in to this portal was signed out.',
  renamed: 'Your token was renamed.',
  resynced: 'Your token is back in step with its app. Sign in with the next code it shows.',
}

export default async function TokenPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const [{ id }, { done }] = await Promise.all([params, searchParams])
  const { session, token } = await loadMyToken(id, '')
  const active = token.status === 'ACTIVE'
  const actions: { href: string; label: string; hint: string; show: boolean }[] = [
    { href: 'change-pin', label: 'Change PIN', hint: 'With a code from your app.', show: active },
    { href: 'rename', label: 'Rename', hint: 'How the token appears here and to the helpdesk.', show: true },
    { href: 'resync', label: 'Resynchronise', hint: 'When codes stopped working because the app got ahead.', show: active && token.type === 'HOTP' },
    { href: 'move', label: 'Move to a new phone', hint: 'Set up the new phone now; this token works until it is done.', show: active },
    { href: 'lost', label: 'Report lost or stolen', hint: 'Stops it working at once.', show: token.status !== 'LOST' },
    { href: 'revoke', label: 'Revoke', hint: 'Removes it for good.', show: true },
  ]
  return (
    <PortalShell session={session} current="tokens" signOut={signOutAction}>
      <section aria-labelledby="token-title" className={card}>
        <p>
          <Link href="/tokens" className={linkClass}>
            ← My tokens
          </Link>
        </p>
        <div className="mt-3 flex flex-wrap items-center justify-between gap-2">
          <h1 id="token-title" className="text-2xl font-semibold tracking-tight">
            {token.name}
          </h1>
          <StatusBadge status={token.status} locked={Boolean(token.lock)} />
        </div>
        <DoneMessage messages={DONE} done={done} />
        <TokenFacts token={token} />
        <h2 className="mt-6 text-lg font-semibold">What would you like to do?</h2>
        <ul className="mt-2 divide-y divide-slate-200 rounded-xl border border-slate-200">
          {actions
            .filter((a) => a.show)
            .map((a) => (
              <li key={a.href} className="p-3">
                <Link href={`/tokens/${token.id}/${a.href}`} className={linkClass}>
                  {a.label}
                </Link>
                <span className="block text-sm text-slate-600">{a.hint}</span>
              </li>
            ))}
        </ul>
      </section>
    </PortalShell>
  )
}
