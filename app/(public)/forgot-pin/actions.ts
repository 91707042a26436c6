'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import type { FormState } from '@/components/forms/form-state'
import { isAppError } from '@/lib/errors'
import { requestContext } from '@/lib/http'
import { resetPinWithLink } from '@/lib/self-service'
import { requestUserLink } from '@/lib/user-links'

const field = (formData: FormData, name: string, max = 256) => {
  const value = formData.get(name)
  return typeof value === 'string' ? value.slice(0, max) : ''
}

export async function requestPinResetAction(formData: FormData): Promise<void> {
  try {
    await requestUserLink({ purpose: 'pin-reset', input: { identifier: field(formData, 'identifier') }, context: requestContext(await headers()) })
  } catch (error) {
    if (isAppError(error)) redirect(`/forgot-pin?error=${encodeURIComponent(error.message)}`)
    throw error
  }
  redirect('/forgot-pin/sent')
}

export async function resetPinAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const token = field(formData, 'link', 64)
  const result = await resetPinWithLink({
    token,
    tokenId: field(formData, 'tokenId', 64),
    code: field(formData, 'code', 32),
    pin: field(formData, 'pin', 64),
    pinConfirm: field(formData, 'pinConfirm', 64),
    context: requestContext(await headers()),
  })
  // A link that stopped working (used, expired, locked): its page says which.
  if (!result.ok && 'dead' in result) redirect(`/forgot-pin/${encodeURIComponent(token)}`)
  if (!result.ok) return { errors: result.errors }
  redirect('/forgot-pin/done')
}
