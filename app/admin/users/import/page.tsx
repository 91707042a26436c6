import type { Metadata } from 'next'
import { StaffShell } from '@/components/staff/staff-shell'
import { UserImportForm } from '@/components/staff/user-import-form'
import { card } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { MAX_USER_IMPORT_BYTES } from '@/lib/users'
import { importUsersAction } from './actions'

export const metadata: Metadata = { title: 'Import users' }

// Administrators with a recent sign-in only: an import adds, changes and may disable many accounts.
export default async function ImportUsersPage() {
  const session = await requireStaff({ role: 'ADMIN', recent: true, returnTo: '/admin/users/import' })
  return (
    <StaffShell session={session} current={null}>
      <section aria-labelledby="import-title" className={card}>
        <h1 id="import-title" className="text-2xl font-semibold tracking-tight">
          Import users
        </h1>
        <p className="mt-3 text-slate-800">
          Upload a CSV file of users. Every row is checked first; the bad ones are listed with their line number. Users are matched by username: an import
          adds new users and updates the email, name and groups of existing ones. Nobody is deleted.
        </p>
        <UserImportForm action={importUsersAction} maxMegabytes={MAX_USER_IMPORT_BYTES / 1024 / 1024} />
      </section>
    </StaffShell>
  )
}
