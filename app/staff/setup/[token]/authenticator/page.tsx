import type { Metadata } from 'next'
import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { ManualEntry } from '@/components/enroll/manual-entry'
import { QrCode } from '@/components/enroll/qr-code'
import { ActionForm } from '@/components/forms/action-form'
import { TextField } from '@/components/forms/text-field'
import { card } from '@/components/ui'
import { requestContext } from '@/lib/http'
import { getSettings } from '@/lib/settings'
import { readStaffSetupKey, STAFF_SETUP_COOKIE } from '@/lib/staff'
import { finishSetupAction } from '../../../actions'

export const metadata: Metadata = { title: 'Add your authenticator' }

// Only the browser that chose the password sees the secret; any other
// request goes back to the link's page, which says what state it is in.
export default async function StaffAuthenticatorPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, requestHeaders, jar, settings] = await Promise.all([params, headers(), cookies(), getSettings()])
  const key = await readStaffSetupKey({ token, browser: jar.get(STAFF_SETUP_COOKIE)?.value ?? null, issuer: settings.otpIssuer, context: requestContext(requestHeaders) })
  if (!key) redirect(`/staff/setup/${token}`)
  return (
    <section aria-labelledby="authenticator-title" className={card}>
      <h1 id="authenticator-title" className="text-2xl font-semibold tracking-tight">
        Add your staff account to an authenticator app
      </h1>
      <p className="mt-3 text-slate-700">
        In your authenticator app, choose “Add account” (or the + button) and scan this QR code. It appears as “{key.issuer}”, apart from any token you use for VPN.
      </p>
      <div className="mt-4">
        <QrCode keyUri={key.keyUri} title="QR code of your staff account, for your authenticator app to scan" />
      </div>
      <p className="mt-3 text-sm text-slate-600">
        Using an app on this computer? <a href={key.keyUri} className="font-medium text-brand underline">Open it in the app</a>, or type the enrollment string.
      </p>
      <h2 className="mt-8 text-lg font-semibold">Can’t scan? Type it in</h2>
      <ManualEntry enrollmentKey={key} />
      <h2 className="mt-8 text-lg font-semibold">Check that it works</h2>
      <p className="mt-2 text-slate-700">Your app now shows a 6-digit code for {key.issuer} that changes every 30 seconds. Type the code it shows now.</p>
      <ActionForm action={finishSetupAction} submitLabel="Check the code and finish" pendingLabel="Checking…" hidden={{ token }}>
        <TextField name="code" label="Code from your app" hint="6 digits; spaces are fine." numeric autoComplete="one-time-code" maxLength={10} narrow />
      </ActionForm>
    </section>
  )
}
