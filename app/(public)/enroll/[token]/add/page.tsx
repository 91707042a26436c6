import type { Metadata } from 'next'
import { headers } from 'next/headers'
import Link from 'next/link'
import { ManualEntry } from '@/components/enroll/manual-entry'
import { QrCode } from '@/components/enroll/qr-code'
import { Stepper } from '@/components/enroll/stepper'
import { VerifyForm } from '@/components/enroll/verify-form'
import { card, primaryButton } from '@/components/ui'
import { readEnrollmentKey } from '@/lib/enrollment'
import { requestContext } from '@/lib/http'
import { detectPlatform, isPhone } from '@/lib/policy'
import { loadEnrollment, stepPath } from '../load-enrollment'

export const metadata: Metadata = { title: 'Add your token' }

export default async function AddTokenPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const [{ link, settings }, requestHeaders] = await Promise.all([loadEnrollment(token, ['add']), headers()])
  const enrollmentKey = await readEnrollmentKey({
    tokenId: link.token!.id,
    issuer: settings.otpIssuer,
    accountName: link.user.username,
    // Every display of a secret is audited.
    shownTo: { actor: { type: 'USER', id: link.user.id, label: link.user.username }, context: requestContext(requestHeaders) },
  })
  if (!enrollmentKey) throw new Error('enrollment key unavailable for a pending token')
  const phone = isPhone(detectPlatform(requestHeaders))
  const triesLeft = Math.max(settings.enrollmentMaxFailures - link.invitation.failedVerifications, 0)

  return (
    <>
      <Stepper current={1} />
      <section aria-labelledby="add-title" className={card}>
        <h1 id="add-title" className="text-2xl font-semibold tracking-tight">
          Add your token to the app
        </h1>
        <p className="mt-2 text-sm text-slate-600">
          No app yet? <Link href={stepPath(token, 'app')} className="font-medium text-brand underline">Get an authenticator app</Link>.
        </p>

        {phone ? (
          <>
            <p className="mt-4 text-slate-700">Tap the button, then confirm in your authenticator app. Come back here afterwards.</p>
            <p className="mt-4">
              <a href={enrollmentKey.keyUri} className={`${primaryButton} w-full sm:w-auto`}>
                Add to authenticator app
              </a>
            </p>
            <details className="mt-6 rounded-lg border border-slate-200 p-4">
              <summary className="min-h-11 cursor-pointer py-2 font-semibold">Nothing happened, or the app is on another device?</summary>
              <p className="mt-2 text-slate-700">Scan this QR code with the app on the other device, or type the enrollment string below.</p>
              <div className="mt-3">
                <QrCode keyUri={enrollmentKey.keyUri} />
              </div>
            </details>
          </>
        ) : (
          <>
            <p className="mt-4 text-slate-700">
              In your authenticator app, choose “Add account” (or the + button) and scan this QR code with your phone’s camera.
            </p>
            <div className="mt-4">
              <QrCode keyUri={enrollmentKey.keyUri} />
            </div>
            <p className="mt-3 text-sm text-slate-600">
              Using an app on this computer? <a href={enrollmentKey.keyUri} className="font-medium text-brand underline">Open it in the app</a>, or
              type the enrollment string.
            </p>
          </>
        )}

        <h2 className="mt-8 text-lg font-semibold">Can’t scan or tap? Type it in</h2>
        <ManualEntry enrollmentKey={enrollmentKey} />

        <h2 className="mt-8 text-lg font-semibold">Check that it works</h2>
        <p className="mt-2 text-slate-700">
          {enrollmentKey.type === 'TOTP'
            ? `Your app now shows a ${enrollmentKey.digits}-digit code for ${enrollmentKey.issuer} that changes every ${enrollmentKey.period} seconds. Type the code it shows now.`
            : `Tap the ${enrollmentKey.issuer} account in your app to show its first ${enrollmentKey.digits}-digit code, and type it here.`}
        </p>
        <VerifyForm token={token} digits={enrollmentKey.digits} type={enrollmentKey.type} triesLeft={triesLeft} />
      </section>
    </>
  )
}
