import type { Metadata } from 'next'
import Link from 'next/link'
import { CardSection } from '@/components/card-section'
import { DataTable } from '@/components/data-table'
import { DoneMessage } from '@/components/done-message'
import { ApiClientCreateForm } from '@/components/staff/api-client-create-form'
import { StaffShell } from '@/components/staff/staff-shell'
import { card, linkClass } from '@/components/ui'
import { listApiClients } from '@/lib/api-clients'
import { requireStaff } from '@/lib/auth'
import { formatWhen } from '@/lib/format'
import { createApiClientAction } from './actions'

export const metadata: Metadata = { title: 'API clients' }

const DONE: Record<string, string> = {
  addresses: 'Allowed addresses saved. They apply from the next request, on every server.',
  revoked: 'API client revoked: its key is refused from the next request, on every server.',
  gone: 'That API client no longer exists or was revoked meanwhile.',
}

// Administrators only: the gateways' keys for the validation API.
export default async function ApiClientsPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const session = await requireStaff({ role: 'ADMIN', returnTo: '/admin/api-clients' })
  const [clients, { done }] = await Promise.all([listApiClients(), searchParams])
  return (
    <StaffShell session={session} current="api-clients">
      <section aria-labelledby="clients-title" className={card}>
        <h1 id="clients-title" className="text-2xl font-semibold tracking-tight">
          API clients
        </h1>
        <p className="mt-2 text-slate-700">
          Each VPN or remote-desktop gateway calls the validation API with a key of its own. The command line does the same: <code className="font-mono">portal apikey</code>.
        </p>
        <DoneMessage messages={DONE} done={done} />
        {clients.length === 0 ? (
          <p className="mt-4 text-slate-700">No API clients yet: no gateway can use the validation API. Create one below.</p>
        ) : (
          <DataTable
            caption="API clients, active first, by name"
            rows={clients}
            rowKey={(c) => c.id}
            columns={[
              { header: 'Name', cell: (c) => c.name, className: 'font-medium break-all' },
              { header: 'Key', cell: (c) => <code className="font-mono">{c.keyPrefix}…</code> },
              { header: 'Created', cell: (c) => `${formatWhen(c.createdAt)} by ${c.createdBy ?? 'unknown'}` },
              { header: 'Last used', cell: (c) => (c.lastUsedAt ? `${formatWhen(c.lastUsedAt)} from ${c.lastUsedAddress ?? 'an unknown address'}` : 'never') },
              { header: 'Allowed from', cell: (c) => (c.allowedAddresses.length ? c.allowedAddresses.join(', ') : 'any address'), className: 'font-mono break-all' },
              { header: 'Status', cell: (c) => (c.revokedAt ? `Revoked ${formatWhen(c.revokedAt)}` : 'Active') },
              {
                header: 'Actions',
                cell: (c) =>
                  c.revokedAt ? null : (
                    <div className="flex flex-wrap gap-3">
                      <Link href={`/admin/api-clients/${c.id}/addresses`} className={`${linkClass} inline-flex min-h-11 items-center`} aria-label={`Change the allowed addresses of ${c.name}`}>
                        Addresses
                      </Link>
                      <Link href={`/admin/api-clients/${c.id}/revoke`} className={`${linkClass} inline-flex min-h-11 items-center`} aria-label={`Revoke ${c.name}`}>
                        Revoke
                      </Link>
                    </div>
                  ),
              },
            ]}
          />
        )}
        <p className="mt-3 text-sm text-slate-600">Last use is recorded at most once a minute per client.</p>
      </section>
      <CardSection id="create" title="Create an API client">
        <ApiClientCreateForm action={createApiClientAction} />
      </CardSection>
    </StaffShell>
  )
}
