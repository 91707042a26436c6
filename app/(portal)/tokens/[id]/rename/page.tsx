import type { Metadata } from 'next'
import Link from 'next/link'
import { ActionForm } from '@/components/forms/action-form'
import { TextField } from '@/components/forms/text-field'
import { PortalShell } from '@/components/portal/portal-shell'
import { card, linkClass } from '@/components/ui'
import { renameAction, signOutAction } from '../../../actions'
import { loadMyToken } from '../load-token'

export const metadata: Metadata = { title: 'Rename a token' }

export default async function RenamePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const { session, token } = await loadMyToken(id, '/rename')
  return (
    <PortalShell session={session} current="tokens" signOut={signOutAction}>
      <section aria-labelledby="rename-title" className={card}>
        <p>
          <Link href={`/tokens/${token.id}`} className={linkClass}>
            ← {token.name}
          </Link>
        </p>
        <h1 id="rename-title" className="mt-3 text-2xl font-semibold tracking-tight">
          Rename {token.name}
        </h1>
        <ActionForm action={renameAction} submitLabel="Save the name" pendingLabel="Saving…" hidden={{ tokenId: token.id }}>
          <TextField name="name" label="Token name" hint="Up to 64 characters, such as “Work phone”." defaultValue={token.name} maxLength={80} />
        </ActionForm>
      </section>
    </PortalShell>
  )
}
