'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { actionNotFound } from '@/components/forms/action-not-found'
import type { FormState } from '@/components/forms/form-state'
import { requireStaff } from '@/lib/auth'
import {
  cancelTemporaryPasscodeFor,
  isTokenActionName,
  issueTemporaryPasscodeFor,
  runTokenAction,
  sendInvitationFor,
  TOKEN_ACTIONS,
  verifyCaller,
  type HelpdeskResult,
} from '@/lib/helpdesk'
import { formField, requestContext } from '@/lib/http'

// Thin: validate → authorize → act → respond. lib/helpdesk checks that each
// token is the user's and in a state the action applies to, and writes the
// change, its audit event and the user's email together. CSRF: proxy.ts
// refuses posts from other sites.

const ID = /^[A-Za-z0-9_-]{1,64}$/
const context = async () => requestContext(await headers())

/** The user (and token) ids a form names; anything else is a 404, never a redirect built from input. */
async function ids(formData: FormData, { token = false } = {}) {
  const userId = formField(formData, 'userId', 64)
  const tokenId = formField(formData, 'tokenId', 64)
  if (!ID.test(userId) || (token && !ID.test(tokenId))) return actionNotFound()
  return { userId, tokenId }
}

async function answer(result: HelpdeskResult, values: Record<string, string>): Promise<FormState> {
  if (result.ok) return null
  if ('notFound' in result) return actionNotFound()
  return { errors: result.errors as Record<string, string[]>, values }
}

export async function verifyCallerAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { userId, tokenId } = await ids(formData, { token: true })
  const session = await requireStaff({ returnTo: `/staff/users/${userId}` })
  const result = await verifyCaller({ session, userId, tokenId, code: formField(formData, 'code', 32), context: await context() })
  if (result.verified) return { notice: `The code matches: the caller holds ${result.serial}. The code is used up.` }
  return { errors: { form: [result.message] } }
}

export async function tokenActionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { userId, tokenId } = await ids(formData, { token: true })
  const action = formField(formData, 'action', 32)
  if (!isTokenActionName(action)) return actionNotFound()
  const session = await requireStaff({ returnTo: `/staff/users/${userId}/tokens/${tokenId}/${action}`, recent: TOKEN_ACTIONS[action].sensitive })
  const reason = formField(formData, 'reason', 400)
  const result = await runTokenAction({ session, userId, tokenId, action, reason, context: await context() })
  if (result.ok) redirect(`/staff/users/${userId}?done=${action}`)
  return answer(result, { reason })
}

type PasscodeState = { passcode: string; expiresAt: string; singleUse: boolean } | FormState

export async function issueTemporaryPasscodeAction(_previous: PasscodeState, formData: FormData): Promise<PasscodeState> {
  const { userId } = await ids(formData)
  const session = await requireStaff({ returnTo: `/staff/users/${userId}/temporary-passcode`, recent: true })
  const reason = formField(formData, 'reason', 400)
  const hours = formField(formData, 'hours', 4)
  const uses = formField(formData, 'uses', 8)
  const result = await issueTemporaryPasscodeFor({ session, userId, reason, hours: Number(hours), singleUse: uses !== 'many', context: await context() })
  if (!result.ok) return answer(result, { reason, hours, uses })
  return { passcode: result.passcode, expiresAt: result.expiresAt.toISOString(), singleUse: result.singleUse }
}

export async function cancelTemporaryPasscodeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { userId } = await ids(formData)
  const session = await requireStaff({ returnTo: `/staff/users/${userId}/temporary-passcode/cancel` })
  const reason = formField(formData, 'reason', 400)
  const result = await cancelTemporaryPasscodeFor({ session, userId, reason, context: await context() })
  if (result.ok) redirect(`/staff/users/${userId}?done=temporary-passcode-cancelled`)
  return answer(result, { reason })
}

export async function sendInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { userId } = await ids(formData)
  const session = await requireStaff({ returnTo: `/staff/users/${userId}/invite` })
  const reason = formField(formData, 'reason', 400)
  const result = await sendInvitationFor({ session, userId, reason, context: await context() })
  if (result.ok) redirect(`/staff/users/${userId}?done=${result.resent ? 'invitation-resent' : 'invitation-sent'}`)
  return answer(result, { reason })
}
