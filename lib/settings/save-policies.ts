import 'server-only'
import type { AuditActor, AuditContext } from '@/lib/audit'
import { POLICY_FIELDS, POLICY_NAMES, type PolicyName } from './policy-fields'
import { updateSettings, type SettingsChanges } from './update-settings'
import { tokenTypeColumns, ZPolicies, type TPolicies } from './z-policies'

export type SavePoliciesResult = { ok: true; changed: string[] } | { ok: false; errors: Record<string, string[]> }

/**
 * Saves what /admin/policies posted: every field checked first, and nothing
 * written if any is refused (each problem under its field). Otherwise one
 * audited write through updateSettings (old and new value per changed
 * field, section "policies"). Returns the labels of the policies that
 * changed, for the page to show.
 */
export async function savePolicies({ input, actor, context }: { input: Record<string, unknown>; actor: AuditActor; context?: AuditContext }): Promise<SavePoliciesResult> {
  const parsed = ZPolicies.safeParse(input)
  if (!parsed.success) {
    const errors: Record<string, string[]> = {}
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] === 'tokenTypes' ? 'tokenTypes' : String(issue.path[0] ?? 'form')
      const list = (errors[key] ??= [])
      if (!list.includes(issue.message)) list.push(issue.message)
    }
    return { ok: false, errors }
  }
  const values = parsed.data as TPolicies
  const changes = {
    ...Object.fromEntries(POLICY_NAMES.map((name) => [name, values[name]])),
    ...tokenTypeColumns(values.tokenTypes),
  } as SettingsChanges
  const diff = await updateSettings({ changes, actor, context, section: 'policies' })
  const label = (field: string) => (field in POLICY_FIELDS ? POLICY_FIELDS[field as PolicyName].label : 'Token types per platform')
  return { ok: true, changed: [...new Set(diff.map((d) => label(d.field)))] }
}
