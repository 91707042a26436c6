import type { Metadata } from 'next'
import Link from 'next/link'
import { ActionForm } from '@/components/forms/action-form'
import { TextField } from '@/components/forms/text-field'
import { ALLOWED_ADDRESSES_HINT } from '@/components/staff/api-client-create-form'
import { StaffShell } from '@/components/staff/staff-shell'
import { card, linkClass } from '@/components/ui'
import { MAX_ALLOWED_ADDRESSES_TEXT } from '@/lib/api-clients'
import { changeApiClientAddressesAction } from '../../actions'
import { loadApiClient } from '../load-client'

export const metadata: Metadata = { title: 'Allowed addresses of an API client' }

export default async function ApiClientAddressesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const { session, client } = await loadApiClient(id, '/addresses')
  return (
    <StaffShell session={session} current="api-clients">
      <section aria-labelledby="addresses-title" className={card}>
        <p>
          <Link href="/admin/api-clients" className={linkClass}>
            ← API clients
          </Link>
        </p>
        <h1 id="addresses-title" className="mt-3 text-2xl font-semibold tracking-tight">
          Allowed addresses of {client.name}
        </h1>
        <p className="mt-2 text-slate-700">
          A request with this key from any other address is refused as if the key were wrong, and noted in the audit log. The change applies from the next request.
        </p>
        <ActionForm action={changeApiClientAddressesAction} submitLabel="Save the addresses" pendingLabel="Saving…" hidden={{ clientId: client.id }}>
          <TextField name="allowedAddresses" label="Allowed client addresses" hint={ALLOWED_ADDRESSES_HINT} maxLength={MAX_ALLOWED_ADDRESSES_TEXT} defaultValue={client.allowedAddresses.join(', ')} />
        </ActionForm>
      </section>
    </StaffShell>
  )
}
