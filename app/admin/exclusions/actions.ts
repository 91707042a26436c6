'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import type { FormState } from '@/components/forms/form-state'
import { requireStaff, staffActor } from '@/lib/auth'
import { isAppError } from '@/lib/errors'
import { addExclusionRule, changeExclusionRule, checkExclusionInput, type TExclusionInput } from '@/lib/exclusions'
import { formField, requestContext } from '@/lib/http'

// Thin: authorize → validate → act → respond. Administrators with a recent
// sign-in only (a rule turns off the second factor: a sensitive action), checked
// here as on the page; every change is audited in lib/exclusions with who,
// and the rule before and after. CSRF: proxy.ts refuses posts from other sites.

const PAGE = '/admin/exclusions'
export async function addExclusionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await requireStaff({ role: 'ADMIN', returnTo: PAGE, recent: true })
  const values = { kind: formField(formData, 'kind', 32), value: formField(formData, 'value', 200), description: formField(formData, 'description', 300), expires: formField(formData, 'expires', 64) }
  const input = values as TExclusionInput
  // Every problem at once, per field; nothing is written unless all is well.
  const checked = checkExclusionInput(input, new Date())
  if (!checked.ok) return { errors: checked.errors as Record<string, string[]>, values }
  let id: string
  try {
    id = (await addExclusionRule({ input, actor: staffActor(session), context: requestContext(await headers()) })).id
  } catch (error) {
    if (isAppError(error)) return { errors: { value: [error.message] }, values }
    throw error
  }
  redirect(`${PAGE}?done=added&rule=${encodeURIComponent(id)}`)
}

export async function changeExclusionAction(formData: FormData): Promise<void> {
  const session = await requireStaff({ role: 'ADMIN', returnTo: PAGE, recent: true })
  const change = formField(formData, 'change', 16)
  if (change !== 'enable' && change !== 'disable' && change !== 'remove') redirect(PAGE)
  try {
    await changeExclusionRule({ id: formField(formData, 'id', 64), change, actor: staffActor(session), context: requestContext(await headers()) })
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') redirect(`${PAGE}?done=gone`)
    throw error
  }
  redirect(`${PAGE}?done=${change === 'remove' ? 'removed' : change === 'enable' ? 'enabled' : 'disabled'}`)
}
