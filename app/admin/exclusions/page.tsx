import type { Metadata } from 'next'
import { DoneMessage } from '@/components/done-message'
import { ExclusionAddForm } from '@/components/staff/exclusion-add-form'
import { ExclusionRemoveConfirmation, ExclusionTable } from '@/components/staff/exclusion-table'
import { StaffShell } from '@/components/staff/staff-shell'
import { card } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { listExclusionRules } from '@/lib/exclusions'
import { addExclusionAction, changeExclusionAction } from './actions'

export const metadata: Metadata = { title: 'MFA exclusion rules' }

const DONE: Record<string, string> = {
  added: 'Exclusion rule added. It applies on every server within a few seconds.',
  enabled: 'Exclusion rule enabled.',
  disabled: 'Exclusion rule disabled: those sign-ins need a passcode again.',
  removed: 'Exclusion rule removed.',
  gone: 'That rule no longer exists; someone may have removed it meanwhile.',
}

// Administrators only: rules under which the validation API accepts a user without a passcode.
export default async function ExclusionsPage({ searchParams }: { searchParams: Promise<{ done?: string; remove?: string }> }) {
  const session = await requireStaff({ role: 'ADMIN', returnTo: '/admin/exclusions' })
  const { done, remove } = await searchParams
  const rules = await listExclusionRules()
  const removing = remove ? rules.find((r) => r.id === remove) : undefined
  return (
    <StaffShell session={session} current="exclusions">
      <section aria-labelledby="exclusions-title" className={card}>
        <h1 id="exclusions-title" className="text-2xl font-semibold tracking-tight">
          MFA exclusion rules
        </h1>
        <div role="note" className="mt-3 rounded-lg border-2 border-amber-500 bg-amber-50 p-4 text-amber-950">
          <p className="font-semibold">An exclusion means no second factor.</p>
          <p className="mt-1">
            A sign-in that matches an enabled rule is accepted <strong>whatever passcode is typed</strong>, for any existing, active user it covers: the
            gateway&apos;s password check is then the only one. Keep rules narrow, give each an expiry, and remove them when they are no longer needed.
          </p>
        </div>
        <DoneMessage messages={DONE} done={done} />
        {removing ? <ExclusionRemoveConfirmation rule={removing} action={changeExclusionAction} /> : null}
        <h2 className="mt-6 text-lg font-semibold">Rules</h2>
        <ExclusionTable rules={rules} action={changeExclusionAction} />
      </section>
      <section aria-labelledby="add-title" className={`${card} mt-6`}>
        <h2 id="add-title" className="text-lg font-semibold">
          Add a rule
        </h2>
        <ExclusionAddForm action={addExclusionAction} />
      </section>
    </StaffShell>
  )
}
