import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { StaffActionForm } from '@/components/staff/staff-action-form'
import { StaffShell } from '@/components/staff/staff-shell'
import { formatWhen } from '@/lib/format'
import { cancelTemporaryPasscodeAction } from '../../actions'
import { loadUser } from '../../load-user'

export const metadata: Metadata = { title: 'Cancel a temporary passcode' }

export default async function CancelTemporaryPasscodePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const { session, overview } = await loadUser(id, '/temporary-passcode/cancel')
  const passcode = overview.temporaryPasscode
  if (!passcode) notFound()
  const who = overview.user.displayName ?? overview.user.username
  return (
    <StaffShell session={session} current="users">
      <StaffActionForm title="Cancel the temporary passcode" user={overview.user} action={cancelTemporaryPasscodeAction} hidden={{}} submitLabel="Cancel the passcode" danger>
        <p>
          The temporary passcode of {who}, valid until {formatWhen(passcode.expiresAt)}, stops working at once. {who} is told by email.
        </p>
      </StaffActionForm>
    </StaffShell>
  )
}
