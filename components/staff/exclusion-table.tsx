import Link from 'next/link'
import { dangerButton, linkClass, secondaryButton } from '@/components/ui'
import { EXCLUSION_KIND_LABELS, type ExclusionListItem } from '@/lib/exclusions'
import { formatWhen } from '@/lib/format'

const STATUS_LABEL = { active: 'Active', disabled: 'Disabled', expired: 'Expired' } as const

/**
 * The rules of /admin/exclusions. Enable and disable are one-button forms;
 * Remove first shows a confirmation (a page of its own, `?remove=<id>`), so
 * both work without JavaScript. The action comes from the page.
 */
export function ExclusionTable({ rules, action }: { rules: ExclusionListItem[]; action: (formData: FormData) => Promise<void> }) {
  if (rules.length === 0) return <p className="mt-4 text-slate-700">No exclusion rules: every sign-in needs a passcode.</p>
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">MFA exclusion rules, by kind and value</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-2 pr-4">Matches</th>
            <th scope="col" className="py-2 pr-4">Value</th>
            <th scope="col" className="py-2 pr-4">Description</th>
            <th scope="col" className="py-2 pr-4">Status</th>
            <th scope="col" className="py-2 pr-4">Expires</th>
            <th scope="col" className="py-2">Actions</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.id} className="border-b border-slate-200 align-top">
              <td className="py-2 pr-4">{EXCLUSION_KIND_LABELS[r.kind]}</td>
              <th scope="row" className="py-2 pr-4 font-mono font-medium break-all">
                {r.value}
              </th>
              <td className="py-2 pr-4">
                {r.description}
                <span className="block text-xs text-slate-600">
                  Rule {r.id}, added {formatWhen(r.createdAt)} by {r.createdBy ?? 'unknown'}
                </span>
              </td>
              <td className="py-2 pr-4">{STATUS_LABEL[r.status]}</td>
              <td className="py-2 pr-4">{r.expiresAt ? formatWhen(r.expiresAt) : 'never'}</td>
              <td className="py-2">
                <div className="flex flex-wrap gap-2">
                  <form action={action}>
                    <input type="hidden" name="id" value={r.id} />
                    <input type="hidden" name="change" value={r.enabled ? 'disable' : 'enable'} />
                    <button type="submit" className={secondaryButton} aria-label={`${r.enabled ? 'Disable' : 'Enable'} the rule for ${r.value}`}>
                      {r.enabled ? 'Disable' : 'Enable'}
                    </button>
                  </form>
                  <Link href={`/admin/exclusions?remove=${encodeURIComponent(r.id)}`} className={`${linkClass} inline-flex min-h-11 items-center`} aria-label={`Remove the rule for ${r.value}`}>
                    Remove
                  </Link>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** "Remove this rule?" with the rule named, a Remove button and a way back. */
export function ExclusionRemoveConfirmation({ rule, action }: { rule: ExclusionListItem; action: (formData: FormData) => Promise<void> }) {
  return (
    <section aria-labelledby="remove-title" className="mt-4 rounded-lg border border-red-300 bg-red-50 p-4">
      <h2 id="remove-title" className="text-lg font-semibold text-red-900">
        Remove this exclusion rule?
      </h2>
      <p className="mt-2 text-red-900">
        {EXCLUSION_KIND_LABELS[rule.kind]} <strong className="font-mono">{rule.value}</strong> ({rule.description}). Once removed, those sign-ins need a passcode
        again. This cannot be undone; to pause a rule, disable it instead.
      </p>
      <form action={action} className="mt-3 flex flex-wrap items-center gap-3">
        <input type="hidden" name="id" value={rule.id} />
        <input type="hidden" name="change" value="remove" />
        <button type="submit" className={dangerButton}>
          Remove rule
        </button>
        <Link href="/admin/exclusions" className={linkClass}>
          Cancel
        </Link>
      </form>
    </section>
  )
}
