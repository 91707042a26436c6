import type { Metadata } from 'next'
import { PortalShell } from '@/components/portal/portal-shell'
import { LocalTime } from '@/components/portal/local-time'
import { RecoveryCodesForm } from '@/components/portal/recovery-codes-form'
import { card } from '@/components/ui'
import { requireUser } from '@/lib/auth'
import { countRecoveryCodes, RECOVERY_CODES_PER_BATCH } from '@/lib/recovery-codes'
import { getSettings } from '@/lib/settings'
import { createRecoveryCodesAction, signOutAction } from '../actions'

export const metadata: Metadata = { title: 'Recovery codes' }

export default async function RecoveryCodesPage() {
  const session = await requireUser({ returnTo: '/recovery-codes' })
  const [{ unused, createdAt }, settings] = await Promise.all([countRecoveryCodes({ userId: session.user.id }), getSettings()])
  return (
    <PortalShell session={session} current="recovery-codes" signOut={signOutAction}>
      <section aria-labelledby="codes-title" className={card}>
        <h1 id="codes-title" className="text-2xl font-semibold tracking-tight">
          Recovery codes
        </h1>
        <p className="mt-3 text-slate-700">
          If your phone is lost or broken, a recovery code lets you sign in here to report the token lost and set up a new one,
          without waiting for the helpdesk. You get {RECOVERY_CODES_PER_BATCH}; each works once.
          {settings.recoveryCodesAtValidation ? ' In your organisation a recovery code also works once in place of a passcode at VPN sign-in.' : ''}
        </p>
        <p className="mt-3 font-medium text-slate-900">
          {createdAt ? (
            <>
              You have {unused} unused {unused === 1 ? 'code' : 'codes'}, created <LocalTime iso={createdAt.toISOString()} />.
            </>
          ) : (
            'You have no recovery codes yet.'
          )}
        </p>
        <RecoveryCodesForm action={createRecoveryCodesAction} submitLabel={createdAt ? 'Create new codes' : 'Create recovery codes'} replacing={Boolean(createdAt)} />
      </section>
    </PortalShell>
  )
}
