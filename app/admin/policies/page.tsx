import type { Metadata } from 'next'
import { DoneMessage } from '@/components/done-message'
import { PoliciesForm } from '@/components/staff/policies-form'
import { StaffShell } from '@/components/staff/staff-shell'
import { card } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { getSettings, POLICY_FIELDS, POLICY_NAMES, tokenTypesByPlatformOf } from '@/lib/settings'
import { savePoliciesAction } from './actions'

export const metadata: Metadata = { title: 'Policies' }

const LABELS = new Set<string>([...POLICY_NAMES.map((n) => POLICY_FIELDS[n].label), 'Token types per platform'])

/** "Saved: …" naming the policies that changed (only known labels, so the URL cannot put words on the page). */
function doneMessages(changed: string | undefined): Record<string, string> {
  const names = (changed ?? '').split('|').filter((label) => LABELS.has(label))
  return {
    saved: `Policies saved. Changed: ${names.join('; ') || 'see the audit log'}. Every server applies them within a few seconds.`,
    unchanged: 'Nothing to save: every policy already had that value.',
  }
}

// Administrators only: the rules seeds 000 and 001 describe, each with its bounds, default and explanation.
export default async function PoliciesPage({ searchParams }: { searchParams: Promise<{ done?: string; changed?: string }> }) {
  const session = await requireStaff({ role: 'ADMIN', returnTo: '/admin/policies' })
  const [{ done, changed }, settings] = await Promise.all([searchParams, getSettings()])
  const current = Object.fromEntries(POLICY_NAMES.map((n) => [n, settings[n]])) as Parameters<typeof PoliciesForm>[0]['current']
  return (
    <StaffShell session={session} current="policies">
      <section aria-labelledby="policies-title" className={card}>
        <h1 id="policies-title" className="text-2xl font-semibold tracking-tight">
          Policies
        </h1>
        <p className="mt-2 text-slate-700">
          Each value is checked against its bounds before anything is saved, and each change is recorded in the audit log with its old and new value. Changes
          apply on every server within a few seconds.
        </p>
        <DoneMessage messages={doneMessages(changed)} done={done} />
        <PoliciesForm action={savePoliciesAction} current={current} tokenTypes={tokenTypesByPlatformOf(settings)} />
      </section>
    </StaffShell>
  )
}
