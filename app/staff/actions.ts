'use server'

import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import type { FormState } from '@/components/forms/form-state'
import {
  clearStaffSessionCookie,
  endStaffSession,
  getStaffSession,
  reauthenticateStaff,
  requireStaff,
  safeStaffReturnPath,
  setStaffSessionCookie,
  signInStaff,
  startStaffSession,
} from '@/lib/auth'
import { getConfig } from '@/lib/config'
import { formField, requestContext } from '@/lib/http'
import { chooseStaffPassword, finishStaffSetup, STAFF_SETUP_COOKIE as SETUP_COOKIE } from '@/lib/staff'

// Thin: validate → authorize → act → respond. Sign-in and set-up check
// everything in lib/ (rate limits, password, one-use code, lockout, the
// link and the browser it is bound to); the cookie is the staff session's
// own. CSRF: proxy.ts refuses posts from other sites.

const context = async () => requestContext(await headers())

const LINK_SHAPE = /^[A-Za-z0-9_-]{43}$/

function linkFrom(formData: FormData): string {
  const token = formField(formData, 'token', 64)
  // Never build a redirect from anything that is not one of our link tokens.
  if (!LINK_SHAPE.test(token)) redirect('/staff/sign-in')
  return token
}

export async function staffSignInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const username = formField(formData, 'username')
  const result = await signInStaff({ username, password: formField(formData, 'password', 1100), code: formField(formData, 'code', 32), context: await context() })
  if (!result.ok) return { errors: { form: [result.message] }, values: { username } }
  await setStaffSessionCookie({ sub: result.staffId, sid: result.sessionId })
  redirect(safeStaffReturnPath(formField(formData, 'next')))
}

export async function staffSignOutAction(): Promise<void> {
  const session = await getStaffSession()
  if (session) await endStaffSession({ session, context: await context() })
  await clearStaffSessionCookie()
  redirect('/staff/sign-in?signed-out=1')
}

export async function staffReauthenticateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const next = safeStaffReturnPath(formField(formData, 'next'))
  const session = await requireStaff({ returnTo: `/staff/reauthenticate?next=${encodeURIComponent(next)}` })
  const result = await reauthenticateStaff({ session, password: formField(formData, 'password', 1100), code: formField(formData, 'code', 32), context: await context() })
  if (!result.ok) return { errors: { form: [result.message] } }
  redirect(next)
}

export async function choosePasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const token = linkFrom(formData)
  const values = { username: formField(formData, 'username', 128), email: formField(formData, 'email', 300), displayName: formField(formData, 'displayName', 200) }
  const result = await chooseStaffPassword({
    token,
    input: { ...values, password: formField(formData, 'password', 1100), passwordConfirm: formField(formData, 'passwordConfirm', 1100) },
    context: await context(),
  })
  if (!result.ok && result.dead) redirect(`/staff/setup/${token}`)
  if (!result.ok) return { errors: result.errors as Record<string, string[]>, values }
  ;(await cookies()).set(SETUP_COOKIE, result.browser, {
    httpOnly: true,
    sameSite: 'lax',
    secure: getConfig().appUrl.startsWith('https:'),
    path: `/staff/setup/${token}`,
    expires: result.expiresAt,
  })
  redirect(`/staff/setup/${token}/authenticator`)
}

export async function finishSetupAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const token = linkFrom(formData)
  const jar = await cookies()
  const ctx = await context()
  const result = await finishStaffSetup({ token, browser: jar.get(SETUP_COOKIE)?.value ?? null, code: formField(formData, 'code', 32), context: ctx })
  if (!result.ok && result.dead) redirect(`/staff/setup/${token}`)
  if (!result.ok) return { errors: { code: [`${result.error} ${result.remaining === 1 ? 'You have 1 try left.' : `You have ${result.remaining} tries left.`}`] } }
  // Password and a code from the new authenticator were just proved: signed in.
  const session = await startStaffSession({ staff: result.staff, method: 'setup', context: ctx })
  await setStaffSessionCookie({ sub: result.staff.id, sid: session.id })
  jar.set(SETUP_COOKIE, '', { path: `/staff/setup/${token}`, maxAge: 0 })
  redirect('/staff?welcome=1')
}
