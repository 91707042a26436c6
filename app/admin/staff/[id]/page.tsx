import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { DoneMessage } from '@/components/done-message'
import { FactList } from '@/components/fact-list'
import { ActionForm } from '@/components/forms/action-form'
import { ChoiceField } from '@/components/forms/choice-field'
import { StaffShell } from '@/components/staff/staff-shell'
import { card, linkClass } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { formatWhen } from '@/lib/format'
import { getStaffUser } from '@/lib/staff'
import { changeStaffRoleAction, setStaffDisabledAction } from '../actions'
import { CardSection } from '@/components/card-section'

export const metadata: Metadata = { title: 'Manage a staff account' }

const DONE: Record<string, string> = { role: 'The role was changed. It applies from their next page.', disabled: 'The account was disabled and signed out everywhere.', enabled: 'The account was enabled again.' }

export default async function AdminStaffMemberPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const [{ id }, { done }] = await Promise.all([params, searchParams])
  const session = await requireStaff({ role: 'ADMIN', returnTo: `/admin/staff/${encodeURIComponent(id)}` })
  const member = await getStaffUser({ id })
  if (!member) notFound()
  const self = member.id === session.staff.id
  const disabled = member.status === 'disabled'
  return (
    <StaffShell session={session} current="accounts">
      <section aria-labelledby="member-title" className={card}>
        <p>
          <Link href="/admin/staff" className={linkClass}>
            ← Staff accounts
          </Link>
        </p>
        <h1 id="member-title" className="mt-3 text-2xl font-semibold tracking-tight">
          {member.displayName ?? member.username}
          {self ? ' (you)' : ''}
        </h1>
        <DoneMessage messages={DONE} done={done} />
        <FactList
          facts={[
            ['Username', member.username],
            ['Email', <span key="e" className="break-all">{member.email}</span>],
            ['Role', member.role === 'admin' ? 'Administrator' : 'Helpdesk'],
            ['Status', member.status === 'pending' ? 'Invited, set-up not finished' : disabled ? 'Disabled' : 'Active'],
            ['Last sign-in', member.lastSignInAt ? formatWhen(member.lastSignInAt) : 'never'],
          ]}
        />
      </section>

      <CardSection id="role" title="Role">
        <p className="mt-2 text-slate-700">The portal always keeps at least one active administrator.</p>
        <ActionForm action={changeStaffRoleAction} submitLabel="Save the role" hidden={{ staffId: member.id }}>
          <ChoiceField
            name="role"
            legend="Role"
            defaultValue={member.role}
            choices={[
              { value: 'helpdesk', label: 'Helpdesk' },
              { value: 'admin', label: 'Administrator' },
            ]}
          />
        </ActionForm>
      </CardSection>

      <CardSection id="access" title={disabled ? 'Enable the account' : 'Disable the account'}>
        <p className="mt-2 text-slate-700">
          {disabled
            ? `${member.username} can sign in again with their password and authenticator.`
            : `${member.username} is signed out everywhere at once and cannot sign in until the account is enabled again. Their actions stay in the audit log.`}
        </p>
        <ActionForm action={setStaffDisabledAction} submitLabel={disabled ? `Enable ${member.username}` : `Disable ${member.username}`} danger={!disabled} hidden={{ staffId: member.id, disabled: disabled ? 'false' : 'true' }} />
      </CardSection>
    </StaffShell>
  )
}
