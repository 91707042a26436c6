import type { Metadata } from 'next'
import Link from 'next/link'
import { ActionForm } from '@/components/forms/action-form'
import { ChoiceField } from '@/components/forms/choice-field'
import { TextField } from '@/components/forms/text-field'
import { LocalTime } from '@/components/portal/local-time'
import { StatusBadge } from '@/components/portal/status-badge'
import { DataTable } from '@/components/data-table'
import { DoneMessage } from '@/components/done-message'
import { FactList } from '@/components/fact-list'
import { StaffShell } from '@/components/staff/staff-shell'
import { card, linkClass, secondaryButton } from '@/components/ui'
import { formatWhen } from '@/lib/format'
import { isRecentSignIn } from '@/lib/auth'
import { TOKEN_ACTIONS, tokenActionsFor, type InvitationState, type OverviewToken, type TokenActionName } from '@/lib/helpdesk'
import { verifyCallerAction } from './actions'
import { loadUser } from './load-user'
import { CardSection } from '@/components/card-section'

export const metadata: Metadata = { title: 'User' }

const DONE: Record<string, string> = {
  'reset-pin': 'The PIN was reset. The user was emailed a link to set a new one; the token does not work until they do.',
  unlock: 'The token was unlocked. The user was told by email.',
  disable: 'The token was disabled. The user was told by email.',
  enable: 'The token was enabled again. The user was told by email.',
  lost: 'The token was marked lost and no longer works. The user was told by email and signed out of the portal.',
  revoke: 'The token was revoked. The user was told by email and signed out of the portal.',
  'temporary-passcode-cancelled': 'The temporary passcode was cancelled. The user was told by email.',
  'hardware-assigned': 'The hardware token is assigned. The user was emailed a link to activate it with a code from the device and a PIN.',
  'hardware-resent': 'A new activation link was emailed; the earlier one no longer works.',
  'invitation-sent': 'The enrollment email is on its way.',
  'invitation-resent': 'A new enrollment email is on its way; the earlier links no longer work.',
}

const ACTION_LABELS: Record<TokenActionName, string> = { 'reset-pin': 'Reset PIN', unlock: 'Unlock', disable: 'Disable', enable: 'Enable', lost: 'Mark lost', revoke: 'Revoke' }

const INVITATION_STATES: Record<InvitationState, string> = { used: 'Used (enrolled)', revoked: 'Revoked', locked: 'Locked (too many wrong codes)', expired: 'Expired', opened: 'Opened, not finished', sent: 'Sent, not opened' }

const when = (date: Date | null, none = '—') => (date ? <LocalTime iso={date.toISOString()} /> : none)

function PinFacts({ pin }: { pin: OverviewToken['pin'] }) {
  if (pin.state === 'not-set') return <>Not set (reset pending)</>
  const age = pin.ageDays === null ? '' : `${pin.ageDays} ${pin.ageDays === 1 ? 'day' : 'days'} old`
  if (pin.state === 'expired') return <>{age}, expired {pin.expiresAt ? formatWhen(pin.expiresAt) : ''}</>
  return <>{age}{pin.expiresAt ? `, expires ${formatWhen(pin.expiresAt)}` : ''}</>
}

/** A sensitive action's page, or first "confirm it's you" when the sign-in is too old for it (no redirect on the way). */
function actionHref(path: string, { sensitive, recent }: { sensitive: boolean; recent: boolean }) {
  return sensitive && !recent ? `/staff/reauthenticate?next=${encodeURIComponent(path)}` : path
}

function TokenCard({ userId, token, recent }: { userId: string; token: OverviewToken; recent: boolean }) {
  const actions = tokenActionsFor(token)
  const rows: [string, React.ReactNode][] = [
    ['Serial', <span key="s" className="font-mono">{token.serial}</span>],
    ['Type', `${token.type === 'TOTP' ? 'Time-based' : 'Counter-based'}, ${token.origin === 'HARDWARE' ? 'hardware' : 'software'}`],
    ['Failed attempts', String(token.failedAttempts)],
    ['Lock', token.lock ? (token.lock.until ? <>Locked until {when(token.lock.until)}</> : 'Locked until staff unlock it') : 'Not locked'],
    ['PIN', <PinFacts key="p" pin={token.pin} />],
    ['Last used', when(token.lastUsedAt, 'Never')],
    ['Enrolled', when(token.enrolledAt, 'Not yet')],
  ]
  return (
    <li className="rounded-xl border border-slate-200 p-4">
      <h3 className="flex flex-wrap items-center gap-2 text-lg font-semibold">
        {token.name} <StatusBadge status={token.status} locked={token.lock !== null && token.status === 'ACTIVE'} />
      </h3>
      <FactList facts={rows} className="mt-2 text-sm" />
      {actions.length ? (
        <ul aria-label={`Actions for ${token.name}`} className="mt-3 flex flex-wrap gap-2">
          {actions.map((a) => (
            <li key={a}>
              <Link href={actionHref(`/staff/users/${userId}/tokens/${token.id}/${a}`, { sensitive: TOKEN_ACTIONS[a].sensitive, recent })} className={secondaryButton} aria-label={`${ACTION_LABELS[a]} ${token.name}`}>
                {ACTION_LABELS[a]}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  )
}

export default async function StaffUserPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const [{ id }, { done }] = await Promise.all([params, searchParams])
  const { session, overview } = await loadUser(id)
  const { user, tokens, invitations, temporaryPasscode, recentEvents } = overview
  const active = tokens.filter((t) => t.status === 'ACTIVE')
  const current = tokens.filter((t) => t.status !== 'REVOKED' && t.status !== 'PENDING')
  const history = tokens.filter((t) => t.status === 'REVOKED' || t.status === 'PENDING')
  const recent = isRecentSignIn({ authenticatedAt: session.authenticatedAt, now: new Date() })
  const liveInvitation = invitations.some((i) => i.state === 'sent' || i.state === 'opened')
  return (
    <StaffShell session={session} current="users">
      <section aria-labelledby="user-title" className={card}>
        <h1 id="user-title" className="text-2xl font-semibold tracking-tight">
          {user.displayName ?? user.username}
        </h1>
        <DoneMessage messages={DONE} done={done} />
        <FactList
          className="mt-3"
          facts={[
            ['Username', user.username],
            ['Email', <span key="e" className="break-all">{user.email}</span>],
            ['Account', user.status === 'ACTIVE' ? 'Active' : 'Disabled'],
            ['Groups', user.groups.length ? user.groups.join(', ') : 'None'],
            ['Added', when(user.createdAt)],
          ]}
        />
      </section>

      <CardSection id="verify" title="Verify the caller">
        {active.length ? (
          <>
            <p className="mt-2 text-slate-700">Before acting on a phone call, ask the caller to read the code their token shows now. Whoever calls must hold the token. The code is used up, and wrong codes count toward the token’s lockout.</p>
            <ActionForm action={verifyCallerAction} submitLabel="Check the code" hidden={{ userId: user.id }}>
              <ChoiceField name="tokenId" legend="Token the caller reads from" choices={active.map((t) => ({ value: t.id, label: t.name, hint: t.serial }))} />
              <TextField name="code" label="Code the caller reads out" numeric maxLength={10} narrow />
            </ActionForm>
          </>
        ) : (
          <p className="mt-2 text-slate-700">This user has no active token, so a caller cannot be verified by a code. Verify them another way (for example, call them back on a number on record) before you act.</p>
        )}
      </CardSection>

      <CardSection id="tokens" title="Tokens">
        {current.length ? (
          <ul className="mt-3 space-y-4">
            {current.map((t) => (
              <TokenCard key={t.id} userId={user.id} token={t} recent={recent} />
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-slate-700">No token in use. Send an enrollment email below to set one up.</p>
        )}
        {history.length ? (
          <details className="mt-4">
            <summary className="min-h-11 cursor-pointer py-2 font-medium">Earlier and unfinished tokens ({history.length})</summary>
            <ul className="mt-2 space-y-1 text-sm">
              {history.map((t) => (
                <li key={t.id}>
                  <span className="font-mono">{t.serial}</span> · {t.status === 'REVOKED' ? 'revoked' : 'enrollment not finished'} · created {formatWhen(t.createdAt)}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </CardSection>

      <CardSection id="temp" title="Temporary passcode">
        {temporaryPasscode ? (
          <>
            <p className="mt-2 text-slate-700">
              A temporary passcode issued by {temporaryPasscode.createdBy ?? 'staff'} works until {when(temporaryPasscode.expiresAt)},{' '}
              {temporaryPasscode.singleUse ? 'for one sign-in' : `for any number of sign-ins (used ${temporaryPasscode.useCount} ${temporaryPasscode.useCount === 1 ? 'time' : 'times'})`}.
            </p>
            <p className="mt-3">
              <Link href={`/staff/users/${user.id}/temporary-passcode/cancel`} className={secondaryButton}>
                Cancel the temporary passcode
              </Link>
            </p>
          </>
        ) : (
          <>
            <p className="mt-2 text-slate-700">For a user whose token is out of reach (left at home): a passcode to read out, for a limited time.</p>
            <p className="mt-3">
              <Link href={actionHref(`/staff/users/${user.id}/temporary-passcode`, { sensitive: true, recent })} className={secondaryButton}>
                Issue a temporary passcode
              </Link>
            </p>
          </>
        )}
      </CardSection>

      <CardSection id="invitations" title="Enrollment emails">
        {invitations.length ? (
          <DataTable
            caption="Enrollment emails, newest first"
            rows={invitations}
            rowKey={(i) => i.id}
            columns={[
              { header: 'Sent', cell: (i) => when(i.createdAt) },
              { header: 'By', cell: (i) => (i.selfRequested ? 'the user' : (i.createdBy ?? '—')) },
              { header: 'State', cell: (i) => INVITATION_STATES[i.state] },
              { header: 'Expires', cell: (i) => when(i.expiresAt) },
            ]}
          />
        ) : (
          <p className="mt-2 text-slate-700">No enrollment email was sent to this user yet.</p>
        )}
        <p className="mt-3">
          <Link href={`/staff/users/${user.id}/invite`} className={secondaryButton}>
            {invitations.length ? 'Resend the enrollment email' : 'Send an enrollment email'}
          </Link>
          {liveInvitation ? <span className="ml-3 text-sm text-slate-700">A resend makes the earlier links stop working.</span> : null}
        </p>
        <p className="mt-3">
          <Link href={`/staff/users/${user.id}/assign-token`} className={secondaryButton}>
            Assign a hardware token
          </Link>
        </p>
      </CardSection>

      <CardSection id="events" title="Recent activity">
        {recentEvents.length ? (
          <DataTable
            caption="The latest audit events about this user and their tokens"
            rows={recentEvents}
            rowKey={(e) => e.id}
            columns={[
              { header: 'When', cell: (e) => when(e.at), className: 'whitespace-nowrap' },
              { header: 'What', cell: (e) => e.action, className: 'font-mono' },
              { header: 'Who', cell: (e) => e.actorLabel ?? e.actorType.toLowerCase() },
              { header: 'Details', cell: (e) => (e.details ? Object.entries(e.details).map(([k, v]) => `${k}: ${String(v)}`).join(' · ') : ''), className: 'break-all' },
            ]}
          />
        ) : (
          <p className="mt-2 text-slate-700">Nothing recorded yet.</p>
        )}
        <p className="mt-3">
          <Link href={`/staff/audit?user=${encodeURIComponent(user.username)}`} className={linkClass}>
            All of this user’s events in the audit log
          </Link>
        </p>
      </CardSection>
    </StaffShell>
  )
}
