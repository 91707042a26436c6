'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import type { FormState } from '@/components/forms/form-state'
import { landingPath, setSessionCookie, signInWithLink, signInWithPasscode, signInWithRecoveryCode } from '@/lib/auth'
import { isAppError } from '@/lib/errors'
import { formField, requestContext } from '@/lib/http'
import { requestUserLink } from '@/lib/user-links'

// Thin: validate → act → respond. Each sign-in checks everything in
// lib/auth (rate limits, the passcode or code, the account) and starts a
// session row; the cookie is next-auth's session token for it. CSRF:
// proxy.ts refuses posts from other sites.

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const username = formField(formData, 'username')
  const result = await signInWithPasscode({ username, passcode: formField(formData, 'passcode', 128), context: requestContext(await headers()) })
  if (!result.ok) return { errors: { form: [result.message] }, values: { username } }
  await setSessionCookie({ sub: result.userId, sid: result.sessionId, kind: 'FULL' })
  redirect(await landingPath({ sessionId: result.sessionId, next: formField(formData, 'next') }))
}

export async function recoverySignInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const username = formField(formData, 'username')
  const result = await signInWithRecoveryCode({ username, code: formField(formData, 'code', 64), context: requestContext(await headers()) })
  if (!result.ok) return { errors: { form: [result.message] }, values: { username } }
  await setSessionCookie({ sub: result.userId, sid: result.sessionId, kind: 'LIMITED' })
  redirect('/tokens')
}

export async function linkSignInAction(formData: FormData): Promise<void> {
  const token = formField(formData, 'token', 64)
  const result = await signInWithLink({ token, context: requestContext(await headers()) })
  if (!result.ok) redirect(`/sign-in/link/${encodeURIComponent(token)}?error=used`)
  await setSessionCookie({ sub: result.userId, sid: result.sessionId, kind: 'LIMITED' })
  redirect('/tokens')
}

export async function requestSignInLinkAction(formData: FormData): Promise<void> {
  try {
    await requestUserLink({ purpose: 'sign-in', input: { identifier: formField(formData, 'identifier') }, context: requestContext(await headers()) })
  } catch (error) {
    if (isAppError(error)) redirect(`/sign-in/help?error=${encodeURIComponent(error.message)}`)
    throw error
  }
  redirect('/sign-in/help/sent')
}
