import type { Metadata } from 'next'
import Link from 'next/link'
import { DataTable } from '@/components/data-table'
import { card } from '@/components/ui'
import { listOutbox } from '@/lib/mail'
import { assertDevMailAvailable } from './dev-only'

export const metadata: Metadata = { title: 'Mail outbox (development)' }

const STATUS_STYLE: Record<string, string> = {
  QUEUED: 'bg-slate-100 text-slate-800',
  SENDING: 'bg-blue-100 text-blue-900',
  SENT: 'bg-green-100 text-green-900',
  FAILED: 'bg-red-100 text-red-900',
}

export default async function DevMailPage() {
  assertDevMailAvailable()
  const messages = await listOutbox()
  return (
    <section aria-labelledby="mail-title" className={card}>
      <h1 id="mail-title" className="text-2xl font-semibold tracking-tight">
        Mail outbox
      </h1>
      <p className="mt-2 text-slate-700">
        SMTP_URL is not set, so email stays here instead of being sent. This page exists only in quick-start mode (the portal on
        localhost, reachable from this computer only); set SMTP_URL to deliver mail.
      </p>
      {messages.length === 0 ? (
        <p className="mt-6 text-slate-700">No email yet. Invite a user with <code className="font-mono">npm run portal -- invite &lt;username&gt;</code>.</p>
      ) : (
        <DataTable
          caption="Queued and sent email, newest first"
          rows={messages}
          rowKey={(m) => m.id}
          columns={[
            {
              header: 'Subject',
              cell: (m) => (
                <Link href={`/dev/mail/${m.id}`} className="font-medium text-brand underline">
                  {m.subject}
                </Link>
              ),
            },
            { header: 'To', cell: (m) => m.to, className: 'break-all' },
            { header: 'Status', cell: (m) => <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[m.status] ?? ''}`}>{m.status.toLowerCase()}</span> },
            { header: 'Queued (UTC)', cell: (m) => m.createdAt.toISOString().replace('T', ' ').slice(0, 19), className: 'whitespace-nowrap' },
          ]}
        />
      )}
    </section>
  )
}
