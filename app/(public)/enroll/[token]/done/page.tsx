import type { Metadata } from 'next'
import Link from 'next/link'
import { Stepper } from '@/components/enroll/stepper'
import { RecoveryCodesForm } from '@/components/portal/recovery-codes-form'
import { card, primaryButton } from '@/components/ui'
import { rulesOfUseFrom } from '@/lib/policy'
import { recoveryCodesAction } from '../actions'
import { loadEnrollment } from '../load-enrollment'

export const metadata: Metadata = { title: 'Your token is ready' }

// An example that is obviously not anyone's PIN or code.
const EXAMPLE_PIN = '4827'
const exampleCode = (digits: number) => '739201485'.slice(0, digits)

export default async function DonePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const { link, settings } = await loadEnrollment(token, ['done'])
  const enrolled = link.token!
  const code = exampleCode(enrolled.digits)
  const half = Math.ceil(code.length / 2)
  return (
    <>
      <Stepper current={3} />
      <section aria-labelledby="done-title" className={card}>
        <h1 id="done-title" className="text-2xl font-semibold tracking-tight">
          Your token is ready
        </h1>
        <p className="mt-3 text-slate-700">
          “{enrolled.name}” (serial {enrolled.serial}) is active. We have sent a confirmation to your email address.
        </p>

        <h2 className="mt-6 text-lg font-semibold">How to sign in from now on</h2>
        <dl className="mt-3 space-y-3">
          <div>
            <dt className="font-medium text-slate-900">Username</dt>
            <dd className="font-mono text-slate-900">{link.user.username}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-900">Passcode (or password)</dt>
            <dd className="text-slate-800">Your PIN, followed straight away by the code your app shows: no space, nothing between.</dd>
          </div>
        </dl>
        <div className="mt-4 rounded-lg bg-slate-100 p-4">
          <p className="text-slate-800">
            For example, if your PIN were <span className="font-mono">{EXAMPLE_PIN}</span> and the app showed{' '}
            <span className="font-mono">
              {code.slice(0, half)} {code.slice(half)}
            </span>
            , you would type:
          </p>
          <p className="mt-2 font-mono text-xl tracking-wider text-slate-900">
            {EXAMPLE_PIN}
            {code}
          </p>
          <p className="mt-2 text-sm text-slate-700">The app shows a gap in the middle of the code to make it easier to read. Do not type the gap.</p>
        </div>
        {enrolled.type === 'HOTP' ? (
          <p className="mt-4 text-slate-800">
            Each code works once. For every sign-in, tap your token in the app to show the next code — even if the one on screen
            looks unused.
          </p>
        ) : (
          <p className="mt-4 text-slate-800">Each code works once. If a sign-in fails, wait for the next code before you try again.</p>
        )}

        <h2 className="mt-6 text-lg font-semibold">Rules of use</h2>
        <ul className="mt-2 list-disc space-y-2 pl-5 text-slate-800">
          {rulesOfUseFrom(settings).map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>

        <h2 className="mt-6 text-lg font-semibold">Recovery codes, in case your phone is lost</h2>
        <p className="mt-2 text-slate-800">
          Ten single-use codes that let you sign in to this portal without your token, to report it lost and set up a new one
          without waiting for the helpdesk. Keep them away from your phone: printed, or in a password manager.
        </p>
        <RecoveryCodesForm action={recoveryCodesAction} submitLabel="Create recovery codes" replacing={false} hidden={{ token }} />

        <p className="mt-6">
          <Link href="/tokens" className={primaryButton}>
            Manage my tokens
          </Link>
        </p>
      </section>
    </>
  )
}
