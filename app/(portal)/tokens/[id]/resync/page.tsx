import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { ActionForm } from '@/components/forms/action-form'
import { TextField } from '@/components/forms/text-field'
import { PortalShell } from '@/components/portal/portal-shell'
import { card, linkClass } from '@/components/ui'
import { resyncAction, signOutAction } from '../../../actions'
import { loadMyToken } from '../load-token'

export const metadata: Metadata = { title: 'Resynchronise a token' }

export default async function ResyncPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const { session, token } = await loadMyToken(id, '/resync')
  if (token.type !== 'HOTP' || token.status !== 'ACTIVE') notFound()
  return (
    <PortalShell session={session} current="tokens" signOut={signOutAction}>
      <section aria-labelledby="resync-title" className={card}>
        <p>
          <Link href={`/tokens/${token.id}`} className={linkClass}>
            ← {token.name}
          </Link>
        </p>
        <h1 id="resync-title" className="mt-3 text-2xl font-semibold tracking-tight">
          Resynchronise {token.name}
        </h1>
        <p className="mt-3 text-slate-700">
          A counter-based token moves on each time you ask the app for a code. If you asked for many codes without using them,
          its codes no longer match. Ask the app for a code and type it below, then ask for the next one and type that.
        </p>
        <ActionForm action={resyncAction} submitLabel="Resynchronise" pendingLabel="Checking…" hidden={{ tokenId: token.id }}>
          <TextField name="first" label="First code" numeric autoComplete="one-time-code" maxLength={12} narrow />
          <TextField name="second" label="The next code" numeric autoComplete="one-time-code" maxLength={12} narrow />
        </ActionForm>
      </section>
    </PortalShell>
  )
}
