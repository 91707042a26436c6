import type { Metadata } from 'next'
import { StaffActionForm } from '@/components/staff/staff-action-form'
import { StaffShell } from '@/components/staff/staff-shell'
import { getSettings } from '@/lib/settings'
import { sendInvitationAction } from '../actions'
import { loadUser } from '../load-user'

export const metadata: Metadata = { title: 'Send an enrollment email' }

export default async function InvitePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const [{ session, overview }, { maxTokensPerUser }] = await Promise.all([loadUser(id, '/invite'), getSettings()])
  const { user, invitations, tokens } = overview
  const resend = invitations.length > 0
  const hasActive = tokens.some((t) => t.status === 'ACTIVE')
  return (
    <StaffShell session={session} current="users">
      <StaffActionForm title={resend ? 'Resend the enrollment email' : 'Send an enrollment email'} user={user} action={sendInvitationAction} hidden={{}} submitLabel={resend ? 'Resend the email' : 'Send the email'}>
        <p>
          {user.displayName ?? user.username} gets an email at <strong className="break-all">{user.email}</strong> with a link to set up a token.
          {resend ? ' Any earlier link that was not used stops working.' : ''}
        </p>
        {hasActive ? (
          <p>
            They have an active token already (the “new phone” case): once the new token is set up, it replaces the oldest one beyond the limit of {maxTokensPerUser === 1 ? 'one token' : `${maxTokensPerUser} tokens`} per user, which then stops working.
          </p>
        ) : null}
      </StaffActionForm>
    </StaffShell>
  )
}
