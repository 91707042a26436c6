import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import type { ReactNode } from 'react'
import { StaffActionForm } from '@/components/staff/staff-action-form'
import { StaffShell } from '@/components/staff/staff-shell'
import { isTokenActionName, TOKEN_ACTIONS, tokenActionsFor, type OverviewToken, type TokenActionName } from '@/lib/helpdesk'
import { tokenActionAction } from '../../../actions'
import { loadUser } from '../../../load-user'

export const metadata: Metadata = { title: 'Confirm a token action' }

type Copy = { title: string; submit: string; danger: boolean; what: (t: OverviewToken, who: string) => ReactNode[] }

const COPY: Record<TokenActionName, Copy> = {
  'reset-pin': {
    title: 'Reset the PIN',
    submit: 'Reset PIN',
    danger: true,
    what: (t, who) => [
      `The PIN of ${t.name} is cleared at once: the token does not work at sign-in until ${who} sets a new one.`,
      `${who} is emailed a link (valid for an hour) to set a new PIN after typing a code from the token. You never see or choose the PIN.`,
      `${who} is signed out of the self-service portal everywhere.`,
    ],
  },
  unlock: {
    title: 'Unlock the token',
    submit: 'Unlock',
    danger: false,
    what: (t, who) => [`The failed attempts and the lock of ${t.name} are cleared: it works again at once. ${who} is told by email.`, 'Verify the caller first: unlocking for someone else lets them guess again.'],
  },
  disable: {
    title: 'Disable the token',
    submit: 'Disable',
    danger: true,
    what: (t, who) => [`${t.name} stops working at sign-in until it is enabled again. Its PIN and enrollment stay. ${who} is told by email.`],
  },
  enable: {
    title: 'Enable the token',
    submit: 'Enable',
    danger: false,
    what: (t, who) => [`${t.name} works again at sign-in, with its PIN. ${who} is told by email.`],
  },
  lost: {
    title: 'Mark the token lost',
    submit: 'Mark lost',
    danger: true,
    what: (t, who) => [`${t.name} stops working for good, everywhere.`, `${who} is told by email and signed out of the self-service portal; they can set up a replacement from a new enrollment email.`],
  },
  revoke: {
    title: 'Revoke the token',
    submit: 'Revoke',
    danger: true,
    what: (t, who) => [
      t.origin === 'HARDWARE'
        ? `${t.name} stops working for good for ${who}, and loses its PIN and name. Its seed stays sealed: once the device is back in hand, an admin can return it to the inventory for its next holder.`
        : `${t.name} is removed for good: its secret is destroyed, so no app can ever produce its codes again.`,
      `${who} is told by email and signed out of the self-service portal.`,
    ],
  },
}

export default async function TokenActionPage({ params }: { params: Promise<{ id: string; tokenId: string; action: string }> }) {
  const { id, tokenId, action } = await params
  if (!isTokenActionName(action)) notFound()
  const { session, overview } = await loadUser(id, `/tokens/${encodeURIComponent(tokenId)}/${action}`, { recent: TOKEN_ACTIONS[action].sensitive })
  const token = overview.tokens.find((t) => t.id === tokenId)
  // Not this user's token, or not in a state the action applies to: nothing to confirm.
  if (!token || !tokenActionsFor(token).includes(action)) notFound()
  const copy = COPY[action]
  const who = overview.user.displayName ?? overview.user.username
  return (
    <StaffShell session={session} current="users">
      <StaffActionForm title={`${copy.title}: ${token.name}`} user={overview.user} action={tokenActionAction} hidden={{ tokenId: token.id, action }} submitLabel={copy.submit} danger={copy.danger}>
        <p>
          Token <span className="font-mono">{token.serial}</span> of {who} ({overview.user.username}).
        </p>
        <ul className="list-disc space-y-1 pl-6">
          {copy.what(token, who).map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      </StaffActionForm>
    </StaffShell>
  )
}
