import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PortalShell } from '@/components/portal/portal-shell'
import { card, dangerButton, linkClass } from '@/components/ui'
import { reportLostAction, signOutAction } from '../../../actions'
import { loadMyToken } from '../load-token'

export const metadata: Metadata = { title: 'Report a token lost' }

export default async function LostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const { session, token } = await loadMyToken(id, '/lost', { limited: true })
  if (token.status === 'LOST') notFound()
  return (
    <PortalShell session={session} current="tokens" signOut={signOutAction}>
      <section aria-labelledby="lost-title" className={card}>
        <p>
          <Link href={session.kind === 'FULL' ? `/tokens/${token.id}` : '/tokens'} className={linkClass}>
            ← {session.kind === 'FULL' ? token.name : 'My tokens'}
          </Link>
        </p>
        <h1 id="lost-title" className="mt-3 text-2xl font-semibold tracking-tight">
          Report {token.name} lost or stolen
        </h1>
        <ul className="mt-3 list-disc space-y-1 pl-6 text-slate-700">
          <li>It stops working at once, for VPN, remote desktop and this portal.</li>
          <li>Every other device signed in to this portal is signed out.</li>
          <li>You can then set up a new token straight away.</li>
        </ul>
        <p className="mt-3 text-slate-700">If you find the phone later, the token stays off: set up a new one instead.</p>
        <form action={reportLostAction} className="mt-6">
          <input type="hidden" name="tokenId" value={token.id} />
          <button type="submit" className={dangerButton}>
            Report {token.name} lost
          </button>
        </form>
      </section>
    </PortalShell>
  )
}
