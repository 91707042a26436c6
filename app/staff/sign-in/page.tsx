import type { Metadata } from 'next'
import { NotAvailable } from '@/components/not-available'

export const metadata: Metadata = { title: 'Staff sign-in' }

export default function StaffSignInPage() {
  return (
    <NotAvailable title="Staff sign-in">
      <p>The helpdesk and administration consoles are not available yet.</p>
      <p>
        Administrators can manage users from the command line meanwhile: <code className="font-mono">npm run portal -- user list</code>.
      </p>
    </NotAvailable>
  )
}
