import Link from 'next/link'
import { DataTable } from '@/components/data-table'
import { linkClass } from '@/components/ui'
import { formatWhen } from '@/lib/format'
import type { DormantItem } from '@/lib/maintenance'

const STEP = { warn: 'Warn the owner', disable: 'Disable', revoke: 'Revoke (delete)' } as const

/** What a maintenance run would do, one token a row; the empty state when nothing is dormant. */
export function DormantTokenTable({ items }: { items: DormantItem[] }) {
  if (items.length === 0) {
    return (
      <p role="status" className="mt-4 rounded-lg border border-slate-300 bg-slate-50 p-4 text-slate-900">
        No token is dormant: the next run has nothing to do.
      </p>
    )
  }
  return (
    <DataTable
      caption="Dormant tokens: the next run’s step for each"
      rowKey={(i) => i.tokenId}
      rows={items}
      columns={[
        { header: 'Step', cell: (i) => STEP[i.step], className: 'font-medium' },
        {
          header: 'User',
          cell: (i) => (
            <Link href={`/staff/users/${encodeURIComponent(i.userId)}`} className={linkClass}>
              {i.username}
            </Link>
          ),
        },
        { header: 'Serial', cell: (i) => <span className="font-mono">{i.serial}</span> },
        { header: 'Last used', cell: (i) => (i.lastUsedAt ? formatWhen(i.lastUsedAt) : `Never (active since ${formatWhen(i.lastActivity)})`) },
        { header: 'Action due', cell: (i) => (i.step === 'warn' ? `${formatWhen(i.actionAt)} at the earliest` : `since ${formatWhen(i.actionAt)}`) },
      ]}
    />
  )
}
