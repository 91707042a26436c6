import type { Metadata } from 'next'
import Link from 'next/link'
import { ActionForm } from '@/components/forms/action-form'
import { TextField } from '@/components/forms/text-field'
import { card, linkClass } from '@/components/ui'
import { readActivationLink } from '@/lib/inventory'
import { describePinRules, pinPolicyFrom } from '@/lib/policy'
import { getSettings } from '@/lib/settings'
import { activateAction } from './actions'

export const metadata: Metadata = { title: 'Activate your hardware token' }

const DEAD: Record<string, string> = {
  expired: 'This activation link has expired.',
  revoked: 'This activation link no longer works: a newer one was sent, or the assignment was taken back.',
  locked: 'This activation link stopped working after too many wrong codes.',
  used: 'This activation link was used already.',
  unknown: 'This activation link is not valid. Check that you opened the whole link from the email.',
}

// Opening the link (a GET) changes nothing: mail scanners open links too.
export default async function ActivatePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const [link, settings] = await Promise.all([readActivationLink({ token }), getSettings()])
  if (link.state === 'done') {
    return (
      <>
        <section aria-labelledby="done-title" className={card}>
          <h1 id="done-title" className="text-2xl font-semibold tracking-tight">
            Your token {link.serial} is active
          </h1>
          <p className="mt-3 text-slate-700">Sign in with your PIN followed by the code the token shows.</p>
          <p className="mt-3">
            <Link href="/sign-in" className={linkClass}>
              Sign in to the portal
            </Link>
          </p>
        </section>
      </>
    )
  }
  if (link.state !== 'valid') {
    return (
      <>
        <section aria-labelledby="dead-title" className={card}>
          <h1 id="dead-title" className="text-2xl font-semibold tracking-tight">
            {DEAD[link.state]}
          </h1>
          <p className="mt-3 text-slate-700">Ask {settings.supportContact} for a new activation link.</p>
        </section>
      </>
    )
  }
  const policy = pinPolicyFrom(settings)
  return (
    <>
      <section aria-labelledby="activate-title" className={card}>
        <h1 id="activate-title" className="text-2xl font-semibold tracking-tight">
          Activate your hardware token {link.token.serial}
        </h1>
        <p className="mt-3 text-slate-700">
          Hello {link.user.displayName ?? link.user.username}. Check that the serial number on the back of your token is {link.token.serial}, press its button, and type the code it shows. Then
          choose a PIN: you will sign in with the PIN followed by a code.
        </p>
        <ActionForm action={activateAction} submitLabel="Activate my token" pendingLabel="Activating…" hidden={{ token }}>
          <TextField name="code" label="Code from the token" hint={`${link.token.digits} digits, shown when you press the button.`} numeric narrow autoComplete="one-time-code" maxLength={16} secret />
          <TextField name="pin" label="New PIN" hint={describePinRules(policy).join(' ')} secret numeric={policy.charset === 'digits'} autoComplete="new-password" narrow maxLength={policy.maxLength} />
          <TextField name="pinConfirm" label="The same PIN again" secret numeric={policy.charset === 'digits'} autoComplete="new-password" narrow maxLength={policy.maxLength} />
        </ActionForm>
      </section>
    </>
  )
}
