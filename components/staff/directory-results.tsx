import Link from 'next/link'
import type { TokenStatus } from '@/generated/prisma/client'
import { StatusBadge } from '@/components/portal/status-badge'
import { linkClass } from '@/components/ui'
import { ScrollTable } from '@/components/scroll-table'
import { formatWhen } from '@/lib/format'
import type { DirectoryEntry, DirectoryToken } from '@/lib/users'

const MATCHED_BY: Record<DirectoryEntry['matchedBy'], string | null> = {
  username: null,
  email: 'Matched by email',
  name: 'Matched by name',
  serial: 'Matched by token serial',
}

/** One page of "find a user". */
export function DirectoryResults({ entries, caption }: { entries: DirectoryEntry[]; caption: string }) {
  return (
    <ScrollTable caption={caption} columns={['Username', 'Name', 'Email', 'Status', 'Tokens']} minWidth="min-w-[44rem]">
      {entries.map((e) => (
        <tr key={e.id} className="border-b border-slate-200 align-top">
          <td className="py-2 pr-4">
            <Link href={`/staff/users/${e.id}`} className={linkClass}>
              {e.username}
            </Link>
            {MATCHED_BY[e.matchedBy] ? <span className="block text-xs text-slate-700">{MATCHED_BY[e.matchedBy]}</span> : null}
          </td>
          <td className="py-2 pr-4">{e.displayName ?? <span className="text-slate-700">—</span>}</td>
          <td className="py-2 pr-4 break-all">{e.email}</td>
          <td className="py-2 pr-4">{e.status === 'DISABLED' ? 'Disabled' : 'Active'}</td>
          <td className="py-2">
            {e.tokens.length ? (
              <ul className="space-y-1">
                {e.tokens.map((t) => (
                  <li key={t.id}>
                    <span className="font-mono">{t.serial}</span> <StatusBadge status={t.status as TokenStatus} locked={t.locked} /> <LockNote token={t} />
                  </li>
                ))}
              </ul>
            ) : (
              <span className="text-slate-700">No tokens</span>
            )}
          </td>
        </tr>
      ))}
    </ScrollTable>
  )
}

function LockNote({ token }: { token: DirectoryToken }) {
  if (!token.locked) return null
  return <span className="block text-xs text-slate-700">{token.lockedUntil ? `until ${formatWhen(token.lockedUntil)}` : 'until staff unlock it'}</span>
}
