import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PortalShell } from '@/components/portal/portal-shell'
import { card, linkClass, primaryButton } from '@/components/ui'
import { signOutAction, startEnrollmentAction } from '../../../actions'
import { loadMyToken } from '../load-token'

export const metadata: Metadata = { title: 'Move to a new phone' }

export default async function MovePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const { session, token } = await loadMyToken(id, '/move')
  if (token.status !== 'ACTIVE') notFound()
  return (
    <PortalShell session={session} current="tokens" signOut={signOutAction}>
      <section aria-labelledby="move-title" className={card}>
        <p>
          <Link href={`/tokens/${token.id}`} className={linkClass}>
            ← {token.name}
          </Link>
        </p>
        <h1 id="move-title" className="mt-3 text-2xl font-semibold tracking-tight">
          Move {token.name} to a new phone
        </h1>
        <ol className="mt-3 list-decimal space-y-1 pl-6 text-slate-700">
          <li>Set up a new token here, now: install the app on the new phone, add the token, type a code, choose a PIN.</li>
          <li>Until you finish, {token.name} keeps working as before.</li>
          <li>The moment the new token is active, {token.name} stops working; delete it from the old phone.</li>
        </ol>
        <form action={startEnrollmentAction} className="mt-6">
          <input type="hidden" name="tokenId" value={token.id} />
          <button type="submit" className={primaryButton}>
            Start setting up the new phone
          </button>
        </form>
      </section>
    </PortalShell>
  )
}
