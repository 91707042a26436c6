import type { Metadata } from 'next'
import Link from 'next/link'
import { StaffShell } from '@/components/staff/staff-shell'
import { TemporaryPasscodeForm } from '@/components/staff/temporary-passcode-form'
import { card, linkClass } from '@/components/ui'
import { temporaryPasscodeHours } from '@/lib/helpdesk'
import { getSettings } from '@/lib/settings'
import { issueTemporaryPasscodeAction } from '../actions'
import { loadUser } from '../load-user'

export const metadata: Metadata = { title: 'Issue a temporary passcode' }

export default async function TemporaryPasscodePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const [{ session, overview }, settings] = await Promise.all([loadUser(id, '/temporary-passcode', { recent: true }), getSettings()])
  const { user, temporaryPasscode } = overview
  const who = user.displayName ?? user.username
  return (
    <StaffShell session={session} current="users">
      <section aria-labelledby="temp-title" className={card}>
        <p>
          <Link href={`/staff/users/${user.id}`} className={linkClass}>
            ← {who} ({user.username})
          </Link>
        </p>
        <h1 id="temp-title" className="mt-3 text-2xl font-semibold tracking-tight">
          Issue a temporary passcode for {who}
        </h1>
        <ul className="mt-3 list-disc space-y-1 pl-6 text-slate-700">
          <li>For a user whose token is out of reach. Verify the caller another way first: they cannot read a code.</li>
          <li>The passcode is shown once, here, to read out. {who} is told by email that one exists.</li>
          {temporaryPasscode ? <li>The temporary passcode they have now stops working.</li> : null}
        </ul>
        <TemporaryPasscodeForm action={issueTemporaryPasscodeAction} userId={user.id} hours={temporaryPasscodeHours({ maxHours: settings.tempPasscodeMaxHours, usualHours: settings.tempPasscodeHours })} defaultHours={settings.tempPasscodeHours} />
        <p className="mt-4">
          <Link href={`/staff/users/${user.id}`} className={linkClass}>
            Back to {who}
          </Link>
        </p>
      </section>
    </StaffShell>
  )
}
