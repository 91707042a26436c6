import { SessionNav } from '@/components/session-nav'

/**
 * The signed-in portal's own navigation. A limited session (emailed link,
 * recovery code) sees only what it may use.
 */
export function PortalNav({
  username,
  limited,
  current,
  signOut,
}: {
  username: string
  limited: boolean
  current: 'tokens' | 'recovery-codes' | 'activity' | null
  signOut: () => Promise<void>
}) {
  const links = limited
    ? [{ href: '/tokens', label: 'My tokens', key: 'tokens' }]
    : [
        { href: '/tokens', label: 'My tokens', key: 'tokens' },
        { href: '/recovery-codes', label: 'Recovery codes', key: 'recovery-codes' },
        { href: '/activity', label: 'Activity', key: 'activity' },
      ]
  return <SessionNav label="Your account" links={links} current={current} who={limited ? `${username} (limited)` : username} signOut={signOut} />
}
