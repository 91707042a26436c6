import type { Metadata } from 'next'
import Link from 'next/link'
import { FactList } from '@/components/fact-list'
import { StaffShell } from '@/components/staff/staff-shell'
import { card, dangerButton, linkClass } from '@/components/ui'
import { formatWhen } from '@/lib/format'
import { revokeApiClientAction } from '../../actions'
import { loadApiClient } from '../load-client'

export const metadata: Metadata = { title: 'Revoke an API client' }

// The confirmation before a revocation: a page of its own, so it works without JavaScript.
export default async function RevokeApiClientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const { session, client } = await loadApiClient(id, '/revoke')
  return (
    <StaffShell session={session} current="api-clients">
      <section aria-labelledby="revoke-title" className={card}>
        <p>
          <Link href="/admin/api-clients" className={linkClass}>
            ← API clients
          </Link>
        </p>
        <h1 id="revoke-title" className="mt-3 text-2xl font-semibold tracking-tight">
          Revoke {client.name}?
        </h1>
        <FactList
          facts={[
            ['Key', <code key="k" className="font-mono">{client.keyPrefix}…</code>],
            ['Last used', client.lastUsedAt ? `${formatWhen(client.lastUsedAt)} from ${client.lastUsedAddress ?? 'an unknown address'}` : 'never'],
          ]}
        />
        <p className="mt-4 rounded-lg border border-red-300 bg-red-50 p-3 text-red-900">
          The gateway using this key is refused from its next request, on every server: its users cannot sign in through it until it has a new key. This cannot be undone.
        </p>
        <form action={revokeApiClientAction} className="mt-4 flex flex-wrap items-center gap-3">
          <input type="hidden" name="clientId" value={client.id} />
          <button type="submit" className={dangerButton}>
            Revoke {client.name}
          </button>
          <Link href="/admin/api-clients" className={linkClass}>
            Cancel
          </Link>
        </form>
      </section>
    </StaffShell>
  )
}
