import { FactList } from '@/components/fact-list'
import { formatWhen } from '@/lib/format'
import type { MyToken } from '@/lib/self-service'
import { LocalTime } from './local-time'

/** What a person wants to know about a token, as a definition list. */
export function TokenFacts({ token }: { token: MyToken }) {
  const rows: [string, React.ReactNode][] = [
    ['Type', token.type === 'TOTP' ? 'Time-based (a new code every 30 seconds)' : 'Counter-based (a new code when you ask)'],
    ['Serial', <span key="serial" className="font-mono">{token.serial}</span>],
    ['Set up', token.enrolledAt ? <LocalTime key="enrolled" iso={token.enrolledAt.toISOString()} /> : '—'],
    ['Last used', token.lastUsedAt ? <LocalTime key="used" iso={token.lastUsedAt.toISOString()} /> : 'Not yet'],
    [
      'PIN',
      token.pin.due === 'not-set'
        ? 'Not set: use the link in your email, or “Forgot my PIN”'
        : token.pin.expiresAt
          ? token.pin.due === 'expired'
            ? `Expired on ${formatWhen(token.pin.expiresAt)}: choose a new one`
            : `${token.pinSetAt ? `Set ${formatWhen(token.pinSetAt)}; ` : ''}change it by ${formatWhen(token.pin.expiresAt)}${token.pin.due === 'soon' ? ' (soon)' : ''}`
          : 'Set; it does not expire',
    ],
  ]
  if (token.lock) rows.push(['Locked', token.lock.until ? `Until ${formatWhen(token.lock.until)}, after too many wrong passcodes` : 'Until the helpdesk unlocks it'])
  return <FactList facts={rows} />
}
