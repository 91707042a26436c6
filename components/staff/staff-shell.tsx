import type { ReactNode } from 'react'
import { SessionNav } from '@/components/session-nav'
import type { StaffSession } from '@/lib/auth'
import { staffSignOutAction } from '@/app/staff/actions'

export type StaffSection = 'home' | 'users' | 'audit' | 'dashboard' | 'all-users' | 'invitations' | 'policies' | 'branding' | 'api-clients' | 'accounts' | 'exclusions' | 'enrollments' | null

/** Every signed-in staff page: the console's navigation above the page's own content. */
export function StaffShell({ session, current, children }: { session: StaffSession; current: StaffSection; children: ReactNode }) {
  const admin = session.staff.role === 'ADMIN'
  const links = [
    { href: '/staff', label: 'Home', key: 'home' },
    { href: '/staff/users', label: 'Find a user', key: 'users' },
    { href: '/staff/audit', label: 'Audit log', key: 'audit' },
    ...(admin
      ? [
          { href: '/admin', label: 'Dashboard', key: 'dashboard' },
          { href: '/admin/users', label: 'Users', key: 'all-users' },
          { href: '/admin/invitations', label: 'Invitations', key: 'invitations' },
          { href: '/admin/enrollments', label: 'Unfinished enrollments', key: 'enrollments' },
          { href: '/admin/policies', label: 'Policies', key: 'policies' },
          { href: '/admin/branding', label: 'Branding', key: 'branding' },
          { href: '/admin/api-clients', label: 'API clients', key: 'api-clients' },
          { href: '/admin/staff', label: 'Staff accounts', key: 'accounts' },
          { href: '/admin/exclusions', label: 'MFA exclusions', key: 'exclusions' },
        ]
      : []),
  ]
  return (
    <>
      <SessionNav label="Staff console" links={links} current={current} who={`${session.staff.username} (${admin ? 'admin' : 'helpdesk'})`} signOut={staffSignOutAction} />
      {children}
    </>
  )
}
