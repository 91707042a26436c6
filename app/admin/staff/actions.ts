'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { actionNotFound } from '@/components/forms/action-not-found'
import type { FormState } from '@/components/forms/form-state'
import { requireStaff, staffActor } from '@/lib/auth'
import { AppError } from '@/lib/errors'
import { formField, requestContext } from '@/lib/http'
import { addStaffUser, changeStaffRole, setStaffDisabled, type StaffChange } from '@/lib/staff'

// Administrators only, checked here as on the pages. Changing who may do
// what (role, disable) wants a recent sign-in, like the helpdesk's
// sensitive actions. CSRF: proxy.ts refuses posts from other sites.

const ID = /^[A-Za-z0-9_-]{1,64}$/
const context = async () => requestContext(await headers())

async function staffIdFrom(formData: FormData): Promise<string> {
  const id = formField(formData, 'staffId', 64)
  if (!ID.test(id)) return actionNotFound()
  return id
}

export async function inviteStaffAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await requireStaff({ role: 'ADMIN', returnTo: '/admin/staff' })
  const values = { username: formField(formData, 'username', 128), email: formField(formData, 'email', 300), displayName: formField(formData, 'displayName', 200), role: formField(formData, 'role', 16) }
  try {
    const added = await addStaffUser({ input: { ...values, displayName: values.displayName || undefined }, actor: staffActor(session), context: await context() })
    redirect(`/admin/staff?invited=${encodeURIComponent(added.username)}`)
  } catch (error) {
    if (error instanceof AppError) return { errors: { form: [error.message] }, values }
    throw error
  }
}

async function after(result: StaffChange, staffId: string, done: string): Promise<FormState> {
  if (result.ok) redirect(`/admin/staff/${staffId}?done=${done}`)
  if ('notFound' in result) return actionNotFound()
  return { errors: { form: [result.error] } }
}

export async function changeStaffRoleAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const staffId = await staffIdFrom(formData)
  const session = await requireStaff({ role: 'ADMIN', returnTo: `/admin/staff/${staffId}`, recent: true })
  const role = formField(formData, 'role', 16)
  if (role !== 'admin' && role !== 'helpdesk') return { errors: { role: ['Choose helpdesk or admin.'] } }
  return after(await changeStaffRole({ session, staffId, role: role === 'admin' ? 'ADMIN' : 'HELPDESK', context: await context() }), staffId, 'role')
}

export async function setStaffDisabledAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const staffId = await staffIdFrom(formData)
  const session = await requireStaff({ role: 'ADMIN', returnTo: `/admin/staff/${staffId}`, recent: true })
  const disabled = formField(formData, 'disabled', 8) === 'true'
  return after(await setStaffDisabled({ session, staffId, disabled, context: await context() }), staffId, disabled ? 'disabled' : 'enabled')
}
