import type { Metadata } from 'next'
import Link from 'next/link'
import type { TokenStatus } from '@/generated/prisma/client'
import { DataTable } from '@/components/data-table'
import { DoneMessage } from '@/components/done-message'
import { StatusBadge } from '@/components/portal/status-badge'
import { Pager } from '@/components/staff/pager'
import { StaffShell } from '@/components/staff/staff-shell'
import { card, dangerButton, linkClass, secondaryButton } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { formatWhen } from '@/lib/format'
import { countTokensByState, findHardwareToken, listHardwareTokens, RETURNABLE } from '@/lib/inventory'
import { returnToInventoryAction } from './actions'

export const metadata: Metadata = { title: 'Hardware tokens' }

const STATES: { status: TokenStatus; label: string }[] = [
  { status: 'INVENTORY', label: 'In stock' },
  { status: 'ASSIGNED', label: 'Assigned, not activated' },
  { status: 'ACTIVE', label: 'Active' },
  { status: 'DISABLED', label: 'Disabled' },
  { status: 'LOST', label: 'Lost' },
  { status: 'REVOKED', label: 'Revoked' },
]

const DONE: Record<string, string> = {
  returned: 'The token is back in stock, ready to be assigned or claimed.',
  gone: 'That token no longer exists.',
  refused: 'That token cannot go back to stock now: only a revoked token, or one assigned and not activated, can.',
}

// Administrators only: the hardware token inventory, its counts by state, and returning revoked devices to stock.
export default async function HardwareTokensPage({ searchParams }: { searchParams: Promise<{ done?: string; state?: string; q?: string; after?: string; return?: string }> }) {
  const session = await requireStaff({ role: 'ADMIN', returnTo: '/admin/tokens' })
  const { done, state, q = '', after: afterParam, return: returning } = await searchParams
  const status = STATES.find((s) => s.status === state)?.status
  const search = q.trim().slice(0, 64)
  const after = typeof afterParam === 'string' && afterParam.length <= 64 ? afterParam : undefined
  const [counts, page, returnable] = await Promise.all([
    countTokensByState(),
    listHardwareTokens({ status, search: search || undefined, after }),
    typeof returning === 'string' && returning.length <= 64 ? findHardwareToken(returning) : null,
  ])
  const tokens = page.tokens
  const count = (s: TokenStatus) => counts.find((c) => c.origin === 'HARDWARE' && c.status === s)?.count ?? 0
  const confirming = returnable && (RETURNABLE as readonly string[]).includes(returnable.status) ? returnable : undefined
  const listHref = (from?: string) => {
    const query = new URLSearchParams({ ...(search ? { q: search } : {}), ...(status ? { state: status } : {}), ...(from ? { after: from } : {}) }).toString()
    return query ? `/admin/tokens?${query}` : '/admin/tokens'
  }
  return (
    <StaffShell session={session} current={null}>
      <section aria-labelledby="tokens-title" className={card}>
        <h1 id="tokens-title" className="text-2xl font-semibold tracking-tight">
          Hardware tokens
        </h1>
        <p className="mt-2 text-slate-700">
          Seeds come in with <code>portal token import FILE</code> (PSKC or CSV). Assign a token from a user’s page, or let people claim one (policy “People may claim hardware
          tokens”).
        </p>
        <DoneMessage messages={DONE} done={done} />
        {confirming ? (
          <section aria-labelledby="return-title" className="mt-4 rounded-lg border border-red-300 bg-red-50 p-4">
            <h2 id="return-title" className="text-lg font-semibold text-red-900">
              Return {confirming.serial} to the inventory?
            </h2>
            <p className="mt-2 text-red-900">
              Do this only with the device in your hands. {confirming.holder ? `It is no longer ${confirming.holder}’s. ` : ''}It keeps its seed and becomes assignable again,
              {' '}and claimable by anyone who holds it when self-service claims are on.
            </p>
            <form action={returnToInventoryAction} className="mt-3 flex flex-wrap items-center gap-3">
              <input type="hidden" name="tokenId" value={confirming.id} />
              <button type="submit" className={dangerButton}>
                Return to inventory
              </button>
              <Link href="/admin/tokens" className={linkClass}>
                Cancel
              </Link>
            </form>
          </section>
        ) : null}
        <h2 className="mt-6 text-lg font-semibold">By state</h2>
        <ul className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-3" aria-label="Hardware tokens by state">
          {STATES.map((s) => (
            <li key={s.status} className="rounded-lg border border-slate-200 p-3">
              <Link href={`/admin/tokens?state=${s.status}`} className={linkClass}>
                {s.label}
              </Link>
              <span className="block text-2xl font-semibold tabular-nums">{count(s.status)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="list-title" className={`${card} mt-6`}>
        <h2 id="list-title" className="text-lg font-semibold">
          Tokens
        </h2>
        <form method="get" role="search" className="mt-3 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="q" className="block font-medium">
              Serial starts with
            </label>
            <input id="q" name="q" defaultValue={search} maxLength={64} autoComplete="off" spellCheck={false} className="mt-1 rounded-lg border border-slate-400 px-3 py-2" />
          </div>
          <div>
            <label htmlFor="state" className="block font-medium">
              State
            </label>
            <select id="state" name="state" defaultValue={status ?? ''} className="mt-1 rounded-lg border border-slate-400 px-3 py-2">
              <option value="">Any state</option>
              {STATES.map((s) => (
                <option key={s.status} value={s.status}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={secondaryButton}>
            Show
          </button>
        </form>
        {tokens.length ? (
          <>
            <DataTable
              caption="Hardware tokens, by serial"
              rows={tokens}
              rowKey={(t) => t.id}
              columns={[
                { header: 'Serial', cell: (t) => <span className="font-mono">{t.serial}</span> },
                { header: 'Type', cell: (t) => `${t.type}, ${t.digits} digits` },
                { header: 'State', cell: (t) => <StatusBadge status={t.status} locked={false} /> },
                { header: 'Holder', cell: (t) => t.holder ?? '—' },
                { header: 'Since', cell: (t) => formatWhen(t.statusChangedAt) },
                {
                  header: 'Actions',
                  cell: (t) =>
                    (RETURNABLE as readonly string[]).includes(t.status) ? (
                      <Link href={`/admin/tokens?return=${encodeURIComponent(t.id)}`} className={linkClass} aria-label={`Return ${t.serial} to inventory`}>
                        Return to inventory
                      </Link>
                    ) : null,
                },
              ]}
            />
            <Pager
              label="Hardware token pages"
              previous={after ? { href: listHref(), label: 'First page' } : null}
              next={page.next ? { href: listHref(page.next), label: 'Next 100' } : null}
            />
          </>
        ) : (
          <p className="mt-4 text-slate-700">{search || status || after ? 'No hardware token matches.' : 'No hardware tokens yet: import a seed file with portal token import.'}</p>
        )}
      </section>
    </StaffShell>
  )
}
