import type { Metadata } from 'next'
import Link from 'next/link'
import { ActionForm } from '@/components/forms/action-form'
import { TextField } from '@/components/forms/text-field'
import { PortalShell } from '@/components/portal/portal-shell'
import { card, linkClass } from '@/components/ui'
import { revokeAction, signOutAction } from '../../../actions'
import { loadMyToken } from '../load-token'

export const metadata: Metadata = { title: 'Revoke a token' }

export default async function RevokePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const { session, token } = await loadMyToken(id, '/revoke')
  return (
    <PortalShell session={session} current="tokens" signOut={signOutAction}>
      <section aria-labelledby="revoke-title" className={card}>
        <p>
          <Link href={`/tokens/${token.id}`} className={linkClass}>
            ← {token.name}
          </Link>
        </p>
        <h1 id="revoke-title" className="mt-3 text-2xl font-semibold tracking-tight">
          Revoke {token.name}
        </h1>
        <p className="mt-3 text-slate-700">
          This removes the token for good: it stops working at once and cannot be brought back. Every other device signed in to
          this portal is signed out. Delete it from your app afterwards.
        </p>
        <ActionForm action={revokeAction} submitLabel="Revoke this token" pendingLabel="Revoking…" hidden={{ tokenId: token.id }} danger>
          <TextField name="confirmName" label={`Type “${token.name}” to confirm`} maxLength={80} />
        </ActionForm>
      </section>
    </PortalShell>
  )
}
