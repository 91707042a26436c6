import Link from 'next/link'
import { linkClass } from '@/components/ui'
import type { AuditRow } from '@/lib/audit'
import { formatWhen } from '@/lib/format'
import { ScrollTable } from '@/components/scroll-table'

const ACTOR_TYPE: Record<AuditRow['actorType'], string> = { USER: 'user', STAFF: 'staff', API_CLIENT: 'API key', SYSTEM: 'system' }

/** A page of audit events, newest first. */
export function AuditTable({ events, caption }: { events: AuditRow[]; caption: string }) {
  return (
    <ScrollTable caption={caption} columns={['Time (UTC)', 'Actor', 'Action', 'Subject', 'IP', 'Details']} minWidth="min-w-[56rem]">
      {events.map((e) => (
        <tr key={e.id} className="border-b border-slate-200 align-top">
          <td className="py-2 pr-4 whitespace-nowrap">
            <time dateTime={e.at.toISOString()}>{formatWhen(e.at, { seconds: true }).replace(/ UTC$/, '')}</time>
          </td>
          <td className="py-2 pr-4">
            {e.actorLabel ?? '—'} <span className="text-slate-700">({ACTOR_TYPE[e.actorType]})</span>
          </td>
          <td className="py-2 pr-4 font-mono">{e.action}</td>
          <td className="py-2 pr-4">
            <Subject event={e} />
          </td>
          <td className="py-2 pr-4 font-mono">{e.ip ?? ''}</td>
          <td className="py-2 font-mono text-xs break-all">{e.details ?? ''}</td>
        </tr>
      ))}
    </ScrollTable>
  )
}

function Subject({ event: e }: { event: AuditRow }) {
  if (!e.subjectType) return null
  const label = e.subjectLabel ?? e.subjectId ?? ''
  return (
    <>
      <span className="text-slate-700">{e.subjectType}</span>{' '}
      {e.subjectType === 'user' && e.subjectId ? (
        <Link href={`/staff/users/${e.subjectId}`} className={linkClass}>
          {label}
        </Link>
      ) : (
        label
      )}
    </>
  )
}
