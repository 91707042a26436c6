import type { Metadata } from 'next'
import { PinForm } from '@/components/enroll/pin-form'
import { Stepper } from '@/components/enroll/stepper'
import { card } from '@/components/ui'
import { tokensToReplace } from '@/lib/enrollment'
import { defaultTokenName, describePinRules, pinPolicyFrom } from '@/lib/policy'
import { loadEnrollment } from '../load-enrollment'

export const metadata: Metadata = { title: 'Choose your PIN' }

export default async function PinPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const { link, settings } = await loadEnrollment(token, ['pin'])
  const policy = pinPolicyFrom(settings)
  const replace = await tokensToReplace({ userId: link.user.id, exceptId: link.token!.id, maxTokens: settings.maxTokensPerUser, replacesTokenId: link.invitation.replacesTokenId })
  return (
    <>
      <Stepper current={2} />
      <section aria-labelledby="pin-title" className={card}>
        <h1 id="pin-title" className="text-2xl font-semibold tracking-tight">
          Your token works. Now choose a PIN
        </h1>
        <p className="mt-3 text-slate-700">
          The code matched: your app is set up. Last step: a PIN that only you know, and a name for the token.
        </p>
        {replace.length ? (
          <div role="note" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950">
            <p className="font-semibold">This token will replace {replace.map((t) => `“${t.name ?? t.serial}”`).join(', ')}</p>
            <p className="mt-1">
              {settings.maxTokensPerUser === 1 ? 'You can have one token at a time. ' : `You can have ${settings.maxTokensPerUser} tokens at a time. `}
              Your old token keeps working until you press the button below; then it stops, and you can delete it from your app.
            </p>
          </div>
        ) : null}
        <PinForm
          token={token}
          rules={describePinRules(policy)}
          digitsOnly={policy.charset === 'digits'}
          maxLength={policy.maxLength}
          defaultName={defaultTokenName({ username: link.user.username, serial: link.token!.serial })}
          submitLabel={replace.length ? 'Activate and replace my old token' : 'Activate my token'}
        />
      </section>
    </>
  )
}
