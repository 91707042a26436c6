import type { Metadata } from 'next'
import Link from 'next/link'
import { ActionForm } from '@/components/forms/action-form'
import { TextField } from '@/components/forms/text-field'
import { PortalShell } from '@/components/portal/portal-shell'
import { card, linkClass } from '@/components/ui'
import { requireUser } from '@/lib/auth'
import { describePinRules, pinPolicyFrom } from '@/lib/policy'
import { getSettings } from '@/lib/settings'
import { signOutAction } from '../../actions'
import { claimHardwareTokenAction } from './actions'

export const metadata: Metadata = { title: 'Claim a hardware token' }

export default async function ClaimTokenPage() {
  const session = await requireUser({ returnTo: '/tokens/claim', limited: true })
  const settings = await getSettings()
  const policy = pinPolicyFrom(settings)
  return (
    <PortalShell session={session} current="tokens" signOut={signOutAction}>
      <section aria-labelledby="claim-title" className={card}>
        <p>
          <Link href="/tokens" className={linkClass}>
            ← My tokens
          </Link>
        </p>
        <h1 id="claim-title" className="mt-3 text-2xl font-semibold tracking-tight">
          Claim a hardware token
        </h1>
        {settings.hardwareClaimEnabled ? (
          <>
            <p className="mt-3 text-slate-700">
              Were you handed a hardware token? Type the serial number printed on its back, then press its button twice and type both codes in order (for a token that shows a
              new code every 30 seconds, type one code, wait for the next, and type that). Then choose a PIN.
            </p>
            <ActionForm action={claimHardwareTokenAction} submitLabel="Claim this token" pendingLabel="Checking…">
              <TextField name="serial" label="Serial number" hint="As printed on the token." maxLength={64} narrow />
              <TextField name="first" label="First code" numeric narrow maxLength={16} autoComplete="off" secret />
              <TextField name="second" label="Next code" hint="The code the token shows after the first one." numeric narrow maxLength={16} autoComplete="off" secret />
              <TextField name="pin" label="New PIN" hint={describePinRules(policy).join(' ')} secret numeric={policy.charset === 'digits'} autoComplete="new-password" narrow maxLength={policy.maxLength} />
              <TextField name="pinConfirm" label="The same PIN again" secret numeric={policy.charset === 'digits'} autoComplete="new-password" narrow maxLength={policy.maxLength} />
            </ActionForm>
          </>
        ) : (
          <p className="mt-3 text-slate-700">Your organisation does not let people claim hardware tokens here. Ask {settings.supportContact} to assign one to you.</p>
        )}
      </section>
    </PortalShell>
  )
}
