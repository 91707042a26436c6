'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import type { FormState } from '@/components/forms/form-state'
import { requireStaff, staffActor } from '@/lib/auth'
import { requestContext } from '@/lib/http'
import { PLATFORMS, POLICY_NAMES, policiesInput, savePolicies, TOKEN_TYPES, tokenTypeInput } from '@/lib/settings'

// Thin: authorize → validate → act → respond. Administrators with a recent
// sign-in only (policies decide how hard a token is to guess or lock):
// checked here as on the page. lib/settings checks every field and writes
// nothing unless all are valid; the write is audited with each field's old
// and new value. CSRF: proxy.ts refuses posts from other sites.

const PAGE = '/admin/policies'

export async function savePoliciesAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await requireStaff({ role: 'ADMIN', returnTo: PAGE, recent: true })
  const input = policiesInput(formData)
  const result = await savePolicies({ input, actor: staffActor(session), context: requestContext(await headers()) })
  if (!result.ok) {
    // Shown again as typed, so one mistake does not cost the other changes.
    const values: Record<string, string> = {}
    for (const name of POLICY_NAMES) values[name] = typeof input[name] === 'string' ? (input[name] as string) : ''
    for (const p of PLATFORMS) for (const t of TOKEN_TYPES) values[tokenTypeInput(p, t)] = formData.has(tokenTypeInput(p, t)) ? 'on' : ''
    return { errors: result.errors, values }
  }
  if (result.changed.length === 0) redirect(`${PAGE}?done=unchanged`)
  redirect(`${PAGE}?done=saved&changed=${encodeURIComponent(result.changed.join('|'))}`)
}
