'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { actionNotFound } from '@/components/forms/action-not-found'
import type { FormState } from '@/components/forms/form-state'
import { clearSessionCookie, endSession, getUserSession, requireUser } from '@/lib/auth'
import { formField, requestContext } from '@/lib/http'
import { createRecoveryCodes } from '@/lib/recovery-codes'
import { renameToken, reportTokenLost, resyncMyToken, revokeToken, setNewPin, startPortalEnrollment } from '@/lib/self-service'

// Thin: validate → authorize → act → respond. Every action reads the
// session through requireUser (lib/auth) and passes the token id to lib/,
// which acts only on the signed-in user's own tokens: another user's id is
// a 404 that changes nothing. CSRF: proxy.ts refuses posts from other sites.

const TOKEN_ID = /^[A-Za-z0-9_-]{1,64}$/
const tokenIdFrom = async (formData: FormData) => {
  const id = formField(formData, 'tokenId', 64)
  if (!TOKEN_ID.test(id)) return actionNotFound()
  return id
}
const context = async () => requestContext(await headers())

export async function signOutAction(): Promise<void> {
  const session = await getUserSession()
  if (session) await endSession({ session, context: await context() })
  await clearSessionCookie()
  redirect('/sign-in?signed-out=1')
}

export async function changePinAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const tokenId = await tokenIdFrom(formData)
  const session = await requireUser({ returnTo: `/tokens/${tokenId}/change-pin`, pinChange: true })
  const result = await setNewPin({
    user: session.user,
    tokenId,
    code: formField(formData, 'code', 32),
    pin: formField(formData, 'pin', 64),
    pinConfirm: formField(formData, 'pinConfirm', 64),
    context: await context(),
    keepSession: session.sessionId,
    via: 'portal',
  })
  if (!result.ok && result.notFound) return actionNotFound()
  if (!result.ok) return { errors: result.errors }
  redirect(`/tokens/${tokenId}?done=pin`)
}

export async function renameAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const tokenId = await tokenIdFrom(formData)
  const session = await requireUser({ returnTo: `/tokens/${tokenId}/rename` })
  const name = formField(formData, 'name', 256)
  const result = await renameToken({ session, tokenId, name, context: await context() })
  if (!result.ok && 'notFound' in result) return actionNotFound()
  if (!result.ok) return { errors: { name: [result.error] }, values: { name } }
  redirect(`/tokens/${tokenId}?done=renamed`)
}

export async function resyncAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const tokenId = await tokenIdFrom(formData)
  const session = await requireUser({ returnTo: `/tokens/${tokenId}/resync` })
  const result = await resyncMyToken({ session, tokenId, first: formField(formData, 'first', 32), second: formField(formData, 'second', 32), context: await context() })
  if (!result.ok && (result.reason === 'not-found' || result.reason === 'not-hotp')) return actionNotFound()
  if (!result.ok) {
    const message =
      result.reason === 'malformed'
        ? 'Type two codes, one after the other, digits only.'
        : result.reason === 'locked' || result.unlocksAt !== undefined
          ? 'This token is locked after too many wrong codes. Try again once it unlocks.'
          : 'Those codes do not follow each other for this token. Ask your app for a code, type it, then ask for the next one and type that.'
    return { errors: { form: [message] } }
  }
  redirect(`/tokens/${tokenId}?done=resynced`)
}

export async function reportLostAction(formData: FormData): Promise<void> {
  const tokenId = await tokenIdFrom(formData)
  const session = await requireUser({ returnTo: `/tokens/${tokenId}/lost`, limited: true })
  const result = await reportTokenLost({ session, tokenId, context: await context() })
  if (!result.ok && 'notFound' in result) return actionNotFound()
  redirect(`/tokens?done=lost`)
}

export async function revokeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const tokenId = await tokenIdFrom(formData)
  const session = await requireUser({ returnTo: `/tokens/${tokenId}/revoke` })
  const confirmName = formField(formData, 'confirmName', 256)
  const result = await revokeToken({ session, tokenId, confirmName, context: await context() })
  if (!result.ok && 'notFound' in result) return actionNotFound()
  if (!result.ok) return { errors: { confirmName: [result.error] }, values: { confirmName } }
  redirect(`/tokens?done=revoked`)
}

/** Add a token, a replacement after a loss, or (with tokenId) move one to a new phone: straight into enrollment. */
export async function startEnrollmentAction(formData: FormData): Promise<void> {
  const replace = formData.get('tokenId') ? await tokenIdFrom(formData) : undefined
  const session = await requireUser({ returnTo: '/tokens', limited: !replace })
  const started = await startPortalEnrollment({ session, replaceTokenId: replace, context: await context() })
  // Another user's token (or one that no longer works): a 404, nothing changes.
  if (!started.ok && started.problem === 'not-yours') return actionNotFound()
  if (!started.ok) redirect(`/tokens?problem=${started.problem}`)
  redirect(started.link)
}

export type RecoveryCodesState = { codes: string[] } | null

// The previous state is not needed: each press makes a new batch.
export async function createRecoveryCodesAction(): Promise<RecoveryCodesState> {
  const session = await requireUser({ returnTo: '/recovery-codes' })
  const codes = await createRecoveryCodes({ user: session.user, actor: { type: 'USER', id: session.user.id, label: session.user.username }, context: await context() })
  return { codes }
}
