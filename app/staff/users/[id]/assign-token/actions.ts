'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { actionNotFound } from '@/components/forms/action-not-found'
import type { FormState } from '@/components/forms/form-state'
import { requireStaff } from '@/lib/auth'
import { formField, requestContext } from '@/lib/http'
import { assignHardwareToken } from '@/lib/inventory'

// Thin: validate → authorize → act → respond. Helpdesk and admins alike;
// lib/inventory checks the token is in stock (or already this user's) and
// writes the change, the audit event, the link and the email together.
// CSRF: proxy.ts refuses posts from other sites.

const ID = /^[A-Za-z0-9_-]{1,64}$/

export async function assignHardwareTokenAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const userId = formField(formData, 'userId', 64)
  if (!ID.test(userId)) return actionNotFound()
  const session = await requireStaff({ returnTo: `/staff/users/${userId}/assign-token` })
  const serial = formField(formData, 'serial', 64)
  const reason = formField(formData, 'reason', 400)
  const result = await assignHardwareToken({ session, userId, serial, reason, context: requestContext(await headers()) })
  if (result.ok) redirect(`/staff/users/${userId}?done=${result.resent ? 'hardware-resent' : 'hardware-assigned'}`)
  if ('notFound' in result) return actionNotFound()
  // The serial is a hidden field here: its problem is the form's.
  const form = [...(result.errors.serial ?? []), ...(result.errors.form ?? [])]
  return { errors: { ...(form.length ? { form } : {}), ...(result.errors.reason ? { reason: result.errors.reason } : {}) }, values: { reason } }
}
