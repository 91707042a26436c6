'use server'

import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { BROWSER_COOKIE, completeEnrollment, createRecoveryCodesAfterEnrollment, startEnrollment, verifyEnrollmentCode, type EnrollmentFormErrors } from '@/lib/enrollment'
import { getConfig } from '@/lib/config'
import { isAppError } from '@/lib/errors'
import { formField, requestContext } from '@/lib/http'
import { detectPlatform } from '@/lib/policy'

// Thin: validate → act → respond. There is no session to authorize: the link
// token in the form is the proof of the invitation, the browser's enrollment
// cookie the proof that this browser pressed Start, and every lib call
// checks both again (state, expiry, owner, browser). Each action re-reads
// the link, so a stale tab can never act on a link that was used, revoked or
// locked meanwhile. CSRF: proxy.ts refuses posts from other sites.

const LINK_SHAPE = /^[A-Za-z0-9_-]{43}$/

function linkFrom(formData: FormData): string {
  const token = formData.get('token')
  // Never build a redirect from anything that is not one of our link tokens.
  if (typeof token !== 'string' || !LINK_SHAPE.test(token)) redirect('/enroll')
  return token
}

/** This browser's enrollment cookie (scoped to the link's path). */
const browserCookie = async () => (await cookies()).get(BROWSER_COOKIE)?.value ?? null

/**
 * A link that can no longer be used here: its own page says why (expired,
 * locked, or started in another browser, with "start again here").
 */
function isDeadLink(error: unknown): boolean {
  return isAppError(error) && (error.code === 'EXPIRED' || error.code === 'CONFLICT' || error.code === 'FORBIDDEN')
}

export async function startAction(formData: FormData): Promise<void> {
  const token = linkFrom(formData)
  const requestHeaders = await headers()
  const type = formField(formData, 'type') === 'HOTP' ? 'HOTP' : 'TOTP'
  let next = `/enroll/${token}/app`
  try {
    const started = await startEnrollment({
      token,
      browser: await browserCookie(),
      restart: formField(formData, 'restart') === 'yes',
      passcode: formData.has('passcode') ? formField(formData, 'passcode', 128) : undefined,
      type,
      platform: detectPlatform(requestHeaders),
      context: requestContext(requestHeaders),
    })
    if (!started.ok) next = `/enroll/${token}?error=${started.locked ? 'locked' : 'proof'}`
    else if (started.browser) {
      ;(await cookies()).set(BROWSER_COOKIE, started.browser.value, {
        httpOnly: true,
        sameSite: 'lax',
        secure: getConfig().appUrl.startsWith('https:'),
        path: `/enroll/${token}`,
        expires: started.browser.expiresAt,
      })
    }
  } catch (error) {
    if (isDeadLink(error)) next = `/enroll/${token}`
    else if (isAppError(error) && error.code === 'INVALID_INPUT') next = `/enroll/${token}?error=${/passcode/i.test(error.message) ? 'passcode' : 'type'}`
    else throw error
  }
  redirect(next)
}

export type VerifyState = { error: string; remaining?: number } | null

export async function verifyAction(_previous: VerifyState, formData: FormData): Promise<VerifyState> {
  const token = linkFrom(formData)
  let result
  try {
    result = await verifyEnrollmentCode({ token, browser: await browserCookie(), code: formField(formData, 'code', 32), context: requestContext(await headers()) })
  } catch (error) {
    if (isDeadLink(error)) redirect(`/enroll/${token}`)
    if (isAppError(error) && error.code === 'INVALID_INPUT') return { error: error.message }
    throw error
  }
  if (result.verified) redirect(`/enroll/${token}/pin`)
  if (result.locked) redirect(`/enroll/${token}`)
  return { error: 'wrong-code', remaining: result.remaining }
}

export type PinFormState = { errors: EnrollmentFormErrors; name: string } | null

export async function completeAction(_previous: PinFormState, formData: FormData): Promise<PinFormState> {
  const token = linkFrom(formData)
  const name = formField(formData, 'name', 256)
  let result
  try {
    result = await completeEnrollment({
      token,
      browser: await browserCookie(),
      pin: formField(formData, 'pin', 64),
      pinConfirm: formField(formData, 'pinConfirm', 64),
      name,
      context: requestContext(await headers()),
    })
  } catch (error) {
    if (isDeadLink(error)) redirect(`/enroll/${token}`)
    throw error
  }
  if (!result.ok) return { errors: result.errors, name }
  redirect(`/enroll/${token}/done`)
}

export async function recoveryCodesAction(_previous: { codes: string[] } | null, formData: FormData): Promise<{ codes: string[] } | null> {
  const token = linkFrom(formData)
  const codes = await createRecoveryCodesAfterEnrollment({ token, browser: await browserCookie(), context: requestContext(await headers()) })
  // Past the done page's hour, or another browser: the signed-in page makes them.
  if (!codes) redirect('/recovery-codes')
  return { codes }
}
