import type { Metadata } from 'next'
import { StaffShell } from '@/components/staff/staff-shell'
import { card } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { formatWhen } from '@/lib/format'
import { listStaffUsers } from '@/lib/staff'

export const metadata: Metadata = { title: 'Staff accounts' }

// Administrators only: who has access to the console, with which role.
export default async function StaffAccountsPage() {
  const session = await requireStaff({ role: 'ADMIN', returnTo: '/staff/accounts' })
  const staff = await listStaffUsers()
  return (
    <StaffShell session={session} current="accounts">
      <section aria-labelledby="accounts-title" className={card}>
        <h1 id="accounts-title" className="text-2xl font-semibold tracking-tight">
          Staff accounts
        </h1>
        <p className="mt-3 text-slate-700">
          Add staff from the command line: <code className="font-mono">npm run portal -- staff add --username &lt;u&gt; --email &lt;e&gt; --role helpdesk</code>.
        </p>
        <div className="mt-4 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Staff accounts, by username</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2 pr-4">Username</th>
                <th scope="col" className="py-2 pr-4">Email</th>
                <th scope="col" className="py-2 pr-4">Role</th>
                <th scope="col" className="py-2 pr-4">Status</th>
                <th scope="col" className="py-2">Last sign-in</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((s) => (
                <tr key={s.id} className="border-b border-slate-200">
                  <td className="py-2 pr-4 font-medium">{s.username}</td>
                  <td className="py-2 pr-4 break-all">{s.email}</td>
                  <td className="py-2 pr-4">{s.role}</td>
                  <td className="py-2 pr-4">{s.status === 'pending' ? 'set-up not finished' : s.status}</td>
                  <td className="py-2">{s.lastSignInAt ? formatWhen(s.lastSignInAt) : 'never'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </StaffShell>
  )
}
