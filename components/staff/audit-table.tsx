import Link from 'next/link'
import { linkClass } from '@/components/ui'
import type { AuditRow } from '@/lib/audit'
import { formatWhen } from '@/lib/format'

const ACTOR_TYPE: Record<AuditRow['actorType'], string> = { USER: 'user', STAFF: 'staff', API_CLIENT: 'API key', SYSTEM: 'system' }

/** A page of audit events; on a narrow screen the table scrolls sideways (a focusable region, for keyboards). */
export function AuditTable({ events, caption }: { events: AuditRow[]; caption: string }) {
  return (
    <div role="region" aria-label={caption} tabIndex={0} className="mt-4 overflow-x-auto">
      <table className="w-full min-w-[56rem] text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-2 pr-4">Time (UTC)</th>
            <th scope="col" className="py-2 pr-4">Actor</th>
            <th scope="col" className="py-2 pr-4">Action</th>
            <th scope="col" className="py-2 pr-4">Subject</th>
            <th scope="col" className="py-2 pr-4">IP</th>
            <th scope="col" className="py-2">Details</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
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
