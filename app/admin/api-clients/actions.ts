'use server'

import { revalidatePath } from 'next/cache'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { actionNotFound } from '@/components/forms/action-not-found'
import type { FormState } from '@/components/forms/form-state'
import type { CreatedApiClientState } from '@/components/staff/api-client-create-form'
import { changeApiClientAddresses, checkApiClientInput, createApiClient, MAX_ALLOWED_ADDRESSES_TEXT, revokeApiClient } from '@/lib/api-clients'
import { requireStaff, staffActor } from '@/lib/auth'
import { isAppError } from '@/lib/errors'
import { formField, requestContext } from '@/lib/http'

// Thin: authorize → validate → act → respond. Administrators with a recent
// sign-in only, checked here as on the pages: a key opens the validation API.
// Every change is audited in lib/api-clients. CSRF: proxy.ts refuses posts
// from other sites. The new key goes back only in this action's answer (the
// page's HTML, never a URL, a log line or the database), so it is shown once.

const PAGE = '/admin/api-clients'
const ID = /^[A-Za-z0-9_-]{1,64}$/
// One character over the limit, so that lib/api-clients refuses a longer list rather than a cut one.
const addressesOf = (formData: FormData) => formField(formData, 'allowedAddresses', MAX_ALLOWED_ADDRESSES_TEXT + 1)

async function clientIdFrom(formData: FormData): Promise<string> {
  const id = formField(formData, 'clientId', 64)
  if (!ID.test(id)) return actionNotFound()
  return id
}

export async function createApiClientAction(_previous: CreatedApiClientState, formData: FormData): Promise<CreatedApiClientState> {
  const session = await requireStaff({ role: 'ADMIN', returnTo: PAGE, recent: true })
  const values = { name: formField(formData, 'name', 128), allowedAddresses: addressesOf(formData) }
  // Every problem at once, per field; nothing is written unless all is well.
  const checked = checkApiClientInput(values)
  if (!checked.ok) return { errors: checked.errors as Record<string, string[]>, values }
  try {
    const created = await createApiClient({ ...values, actor: staffActor(session), context: requestContext(await headers()) })
    revalidatePath(PAGE)
    return { created: { name: created.name, key: created.key, allowedAddresses: created.allowedAddresses } }
  } catch (error) {
    if (isAppError(error) && error.code === 'ALREADY_EXISTS') return { errors: { name: [error.message] }, values }
    if (isAppError(error)) return { errors: { form: [error.message] }, values }
    throw error
  }
}

export async function changeApiClientAddressesAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const id = await clientIdFrom(formData)
  const session = await requireStaff({ role: 'ADMIN', returnTo: `${PAGE}/${id}/addresses`, recent: true })
  const values = { allowedAddresses: addressesOf(formData) }
  try {
    await changeApiClientAddresses({ id, allowedAddresses: values.allowedAddresses, actor: staffActor(session), context: requestContext(await headers()) })
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') redirect(`${PAGE}?done=gone`)
    if (isAppError(error)) return { errors: { allowedAddresses: [error.message] }, values }
    throw error
  }
  redirect(`${PAGE}?done=addresses`)
}

export async function revokeApiClientAction(formData: FormData): Promise<void> {
  const id = await clientIdFrom(formData)
  const session = await requireStaff({ role: 'ADMIN', returnTo: `${PAGE}/${id}/revoke`, recent: true })
  try {
    await revokeApiClient({ id, actor: staffActor(session), context: requestContext(await headers()) })
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') redirect(`${PAGE}?done=gone`)
    throw error
  }
  redirect(`${PAGE}?done=revoked`)
}
