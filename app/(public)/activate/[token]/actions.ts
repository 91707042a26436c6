'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import type { FormState } from '@/components/forms/form-state'
import { isAppError } from '@/lib/errors'
import { formField, requestContext } from '@/lib/http'
import { activateAssignedToken } from '@/lib/inventory'

// Thin: validate → act → respond. No session: the link token in the form is
// the proof of the assignment, and lib/inventory re-reads it on every post
// (state, expiry, owner, lock). CSRF: proxy.ts refuses posts from other sites.

const LINK_SHAPE = /^[A-Za-z0-9_-]{43}$/

export async function activateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const token = formField(formData, 'token', 64)
  // Never build a redirect from anything that is not one of our link tokens.
  if (!LINK_SHAPE.test(token)) redirect('/')
  try {
    const result = await activateAssignedToken({
      token,
      code: formField(formData, 'code', 16),
      pin: formField(formData, 'pin', 64),
      pinConfirm: formField(formData, 'pinConfirm', 64),
      context: requestContext(await headers()),
    })
    if (!result.ok && !result.locked) return { errors: result.errors }
  } catch (error) {
    // The link died meanwhile: its page says why.
    if (!isAppError(error) || (error.code !== 'EXPIRED' && error.code !== 'CONFLICT')) throw error
  }
  redirect(`/activate/${token}`)
}
