import type { ReactNode } from 'react'
import type { UserSession } from '@/lib/auth'
import { PortalNav } from './portal-nav'

/** Every signed-in page: the account navigation above the page's own card. */
export function PortalShell({
  session,
  current,
  signOut,
  children,
}: {
  session: UserSession
  current: 'tokens' | 'recovery-codes' | 'activity' | null
  signOut: () => Promise<void>
  children: ReactNode
}) {
  return (
    <>
      <PortalNav username={session.user.username} limited={session.kind === 'LIMITED'} current={current} signOut={signOut} />
      {children}
    </>
  )
}
