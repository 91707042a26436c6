import type { Metadata } from 'next'
import Link from 'next/link'
import { ActionForm } from '@/components/forms/action-form'
import { ChoiceField } from '@/components/forms/choice-field'
import { NewPinFields } from '@/components/portal/new-pin-fields'
import { card, secondaryButton } from '@/components/ui'
import { describePinRules, pinPolicyFrom } from '@/lib/policy'
import { listMyTokens } from '@/lib/self-service'
import { getSettings } from '@/lib/settings'
import { resolveUserLink } from '@/lib/user-links'
import { resetPinAction } from '../actions'

export const metadata: Metadata = { title: 'Set a new PIN' }

const DEAD: Record<string, string> = {
  expired: 'It was valid for an hour.',
  used: 'Each link works once, and this one was used.',
  locked: 'Too many wrong codes were typed with it, so it was locked to protect your token.',
  unknown: 'Check that you opened the whole link from the email, or ask for a new one.',
}

// A GET only shows the form: the link is used by the POST that sets the PIN.
export default async function SetNewPinPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const [link, settings] = await Promise.all([resolveUserLink({ token, purpose: 'PIN_RESET' }), getSettings()])
  const tokens = link.state === 'valid' && link.user ? (await listMyTokens({ userId: link.user.id })).filter((t) => t.status === 'ACTIVE') : []
  if (link.state !== 'valid' || tokens.length === 0) {
    return (
      <section aria-labelledby="reset-title" className={card}>
        <h1 id="reset-title" className="text-2xl font-semibold tracking-tight">
          This link can no longer be used
        </h1>
        <p className="mt-3 text-slate-700">{DEAD[link.state === 'valid' ? 'unknown' : link.state]}</p>
        <p className="mt-6">
          <Link href="/forgot-pin" className={secondaryButton}>
            Ask for a new link
          </Link>
        </p>
      </section>
    )
  }
  const policy = pinPolicyFrom(settings)
  return (
    <section aria-labelledby="reset-title" className={card}>
      <h1 id="reset-title" className="text-2xl font-semibold tracking-tight">
        Set a new PIN, {link.user!.displayName ?? link.user!.username}
      </h1>
      <p className="mt-3 text-slate-700">
        Open your authenticator app: type the code it shows for this token, then your new PIN twice. Every device signed in to
        this portal is signed out.
      </p>
      <ActionForm action={resetPinAction} submitLabel="Set my new PIN" pendingLabel="Setting…" hidden={{ link: token }}>
        <ChoiceField name="tokenId" legend="Which token" choices={tokens.map((t) => ({ value: t.id, label: t.name, hint: `Serial ${t.serial}` }))} />
        <NewPinFields rules={describePinRules(policy)} digitsOnly={policy.charset === 'digits'} maxLength={policy.maxLength} />
      </ActionForm>
    </section>
  )
}
