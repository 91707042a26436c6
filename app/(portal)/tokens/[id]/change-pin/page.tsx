import type { Metadata } from 'next'
import Link from 'next/link'
import { ActionForm } from '@/components/forms/action-form'
import { NewPinFields } from '@/components/portal/new-pin-fields'
import { PortalShell } from '@/components/portal/portal-shell'
import { card, linkClass } from '@/components/ui'
import { describePinRules, pinPolicyFrom } from '@/lib/policy'
import { getSettings } from '@/lib/settings'
import { changePinAction, signOutAction } from '../../../actions'
import { loadMyToken } from '../load-token'

export const metadata: Metadata = { title: 'Change PIN' }

export default async function ChangePinPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const [{ session, token }, settings] = await Promise.all([loadMyToken(id, '/change-pin', { pinChange: true }), getSettings()])
  const policy = pinPolicyFrom(settings)
  const forced = session.mustChangePin?.tokenId === token.id
  return (
    <PortalShell session={session} current="tokens" signOut={signOutAction}>
      <section aria-labelledby="pin-title" className={card}>
        {!forced ? (
          <p>
            <Link href={`/tokens/${token.id}`} className={linkClass}>
              ← {token.name}
            </Link>
          </p>
        ) : null}
        <h1 id="pin-title" className="mt-3 text-2xl font-semibold tracking-tight">
          Change the PIN of {token.name}
        </h1>
        {forced ? (
          <p role="status" className="mt-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950">
            Your PIN has expired. Choose a new one before anything else.
          </p>
        ) : null}
        <p className="mt-3 text-slate-700">
          Open your authenticator app and type the code it shows for this token, then your new PIN twice. Other devices signed in
          to this portal are signed out.
        </p>
        <ActionForm action={changePinAction} submitLabel="Change PIN" pendingLabel="Changing…" hidden={{ tokenId: token.id }}>
          <NewPinFields rules={describePinRules(policy)} digitsOnly={policy.charset === 'digits'} maxLength={policy.maxLength} />
        </ActionForm>
      </section>
    </PortalShell>
  )
}
