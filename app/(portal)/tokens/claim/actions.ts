'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import type { FormState } from '@/components/forms/form-state'
import { requireUser } from '@/lib/auth'
import { isAppError } from '@/lib/errors'
import { formField, requestContext } from '@/lib/http'
import { claimHardwareToken } from '@/lib/inventory'

// Thin: authorize → validate → act → respond. The signed-in user claims for
// themselves only; lib/inventory checks the policy, the limits and the codes.
// CSRF: proxy.ts refuses posts from other sites.

export async function claimHardwareTokenAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await requireUser({ returnTo: '/tokens/claim', limited: true })
  const serial = formField(formData, 'serial', 64)
  try {
    const result = await claimHardwareToken({
      user: session.user,
      serial,
      first: formField(formData, 'first', 16),
      second: formField(formData, 'second', 16),
      pin: formField(formData, 'pin', 64),
      pinConfirm: formField(formData, 'pinConfirm', 64),
      limited: session.kind === 'LIMITED',
      context: requestContext(await headers()),
    })
    // Codes and PINs are never sent back; the serial is not a secret.
    if (!result.ok) {
      // A wrong serial or wrong codes is one message about the whole form: it must not point at either.
      const { codes, ...fields } = result.errors
      return { errors: { ...fields, ...(codes || fields.form ? { form: [...(codes ?? []), ...(fields.form ?? [])] } : {}) }, values: { serial } }
    }
  } catch (error) {
    if (isAppError(error) && (error.code === 'RATE_LIMITED' || error.code === 'FORBIDDEN')) return { errors: { form: [error.message] }, values: { serial } }
    throw error
  }
  redirect('/tokens?done=claimed')
}
