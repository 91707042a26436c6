'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import type { FormState } from '@/components/forms/form-state'
import { isAppError } from '@/lib/errors'
import { formField, requestContext } from '@/lib/http'
import { resetPinWithLink } from '@/lib/self-service'
import { requestUserLink } from '@/lib/user-links'

export async function requestPinResetAction(formData: FormData): Promise<void> {
  try {
    await requestUserLink({ purpose: 'pin-reset', input: { identifier: formField(formData, 'identifier') }, context: requestContext(await headers()) })
  } catch (error) {
    if (isAppError(error)) redirect(`/forgot-pin?error=${encodeURIComponent(error.message)}`)
    throw error
  }
  redirect('/forgot-pin/sent')
}

export async function resetPinAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const token = formField(formData, 'link', 64)
  const result = await resetPinWithLink({
    token,
    tokenId: formField(formData, 'tokenId', 64),
    code: formField(formData, 'code', 32),
    pin: formField(formData, 'pin', 64),
    pinConfirm: formField(formData, 'pinConfirm', 64),
    context: requestContext(await headers()),
  })
  // A link that stopped working (used, expired, locked): its page says which.
  if (!result.ok && 'dead' in result) redirect(`/forgot-pin/${encodeURIComponent(token)}`)
  if (!result.ok) return { errors: result.errors }
  redirect('/forgot-pin/done')
}
