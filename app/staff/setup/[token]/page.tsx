import type { Metadata } from 'next'
import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { ActionForm } from '@/components/forms/action-form'
import { TextField } from '@/components/forms/text-field'
import { card } from '@/components/ui'
import { requestContext } from '@/lib/http'
import { isSetupBrowser, openStaffLink, resolveStaffLink, STAFF_PASSWORD_MIN_LENGTH, STAFF_SETUP_COOKIE, type StaffLinkState } from '@/lib/staff'
import { choosePasswordAction } from '../../actions'

export const metadata: Metadata = { title: 'Set up your staff account' }

const PROBLEMS: Record<Exclude<StaffLinkState, 'valid'>, { title: string; text: string }> = {
  expired: { title: 'This set-up link has expired', text: 'Set-up links work for a limited time. Ask an administrator to add you again for a new one.' },
  used: { title: 'This set-up link has already been used', text: 'The account was set up with it, and each link works once. Sign in at the staff sign-in page; if you did not set it up yourself, tell an administrator now.' },
  locked: { title: 'This set-up link is locked', text: 'Too many wrong codes were typed with it. Ask an administrator for a new link.' },
  unknown: { title: 'We do not recognise this set-up link', text: 'Check that you opened the whole link: long links sometimes break across two lines.' },
}

// GET of a set-up link: it only reads and records "opened" (mail scanners
// fetch every link). Choosing the password is the POST, which binds the
// set-up to this browser; only that browser is then shown the secret.
export default async function StaffSetupPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, requestHeaders, jar] = await Promise.all([params, headers(), cookies()])
  const resolved = await resolveStaffLink({ token })
  await openStaffLink({ resolved, context: requestContext(requestHeaders) })
  const { link, staff } = resolved
  if (resolved.state !== 'valid' || !link) {
    const problem = PROBLEMS[resolved.state === 'valid' ? 'unknown' : resolved.state]
    const firstAdmin = link?.purpose === 'FIRST_ADMIN' && resolved.state !== 'used'
    return (
      <section aria-labelledby="problem-title" className={card}>
        <h1 id="problem-title" className="text-2xl font-semibold tracking-tight">
          {problem.title}
        </h1>
        <p className="mt-3 text-slate-700">
          {firstAdmin ? 'Restart the portal (npm start), or run npm run portal -- staff setup-url on the server, for a new first-administrator link.' : problem.text}
        </p>
      </section>
    )
  }
  if (isSetupBrowser({ browserHash: link.browserHash, browser: jar.get(STAFF_SETUP_COOKIE)?.value ?? null })) redirect(`/staff/setup/${token}/authenticator`)
  const firstAdmin = link.purpose === 'FIRST_ADMIN'
  return (
    <section aria-labelledby="setup-title" className={card}>
      <h1 id="setup-title" className="text-2xl font-semibold tracking-tight">
        {firstAdmin ? 'Set up the first administrator' : 'Set up your staff account'}
      </h1>
      <p className="mt-3 text-slate-700">
        {firstAdmin
          ? 'No administrator exists yet. Choose your username and password here; next you add this account to an authenticator app on your phone. Staff sign in with both.'
          : `Your username is ${staff?.username}. Choose a password; next you add this account to an authenticator app on your phone. Staff sign in with both.`}
      </p>
      {link.browserHash ? (
        <p className="mt-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950">
          Set-up was started in another browser. Continuing here replaces the password and authenticator chosen there.
        </p>
      ) : null}
      <ActionForm action={choosePasswordAction} submitLabel="Continue" pendingLabel="Saving…" hidden={{ token }}>
        {firstAdmin ? (
          <>
            <TextField name="username" label="Username" hint="Letters, digits, dots, hyphens and underscores." autoComplete="username" maxLength={64} />
            <TextField name="email" label="Email" autoComplete="email" maxLength={254} />
            <TextField name="displayName" label="Name (optional)" autoComplete="name" maxLength={128} />
          </>
        ) : null}
        <TextField
          name="password"
          label="Password"
          hint={`At least ${STAFF_PASSWORD_MIN_LENGTH} characters; a few unrelated words work well. Common passwords are refused.`}
          secret
          autoComplete="new-password"
          maxLength={128}
        />
        <TextField name="passwordConfirm" label="Password again" secret autoComplete="new-password" maxLength={128} />
      </ActionForm>
    </section>
  )
}
