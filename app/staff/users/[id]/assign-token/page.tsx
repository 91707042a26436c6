import type { Metadata } from 'next'
import Link from 'next/link'
import { StaffActionForm } from '@/components/staff/staff-action-form'
import { StaffShell } from '@/components/staff/staff-shell'
import { card, linkClass, primaryButton, secondaryButton } from '@/components/ui'
import { getDb } from '@/lib/db'
import { listHardwareTokens } from '@/lib/inventory'
import { loadUser } from '../load-user'
import { assignHardwareTokenAction } from './actions'

export const metadata: Metadata = { title: 'Assign a hardware token' }

/**
 * Two steps, both without JavaScript: find a serial in stock (a GET search),
 * then confirm with a reason (the POST). Tokens already ASSIGNED to this user
 * are offered too: choosing one again sends a fresh activation link.
 */
export default async function AssignTokenPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ q?: string; serial?: string }> }) {
  const { id } = await params
  const { q = '', serial } = await searchParams
  const { session, overview } = await loadUser(id, '/assign-token')
  const { user } = overview
  const search = q.trim().slice(0, 64)

  if (serial) {
    const chosen = await getDb().token.findFirst({
      where: { serial: serial.slice(0, 64), origin: 'HARDWARE', OR: [{ status: 'INVENTORY', userId: null }, { status: 'ASSIGNED', userId: user.id }] },
      select: { serial: true, type: true, status: true },
    })
    if (chosen) {
      const again = chosen.status === 'ASSIGNED'
      return (
        <StaffShell session={session} current="users">
          <StaffActionForm title={again ? `Send a new activation link for ${chosen.serial}` : `Assign hardware token ${chosen.serial}?`} user={user} action={assignHardwareTokenAction} hidden={{ serial: chosen.serial }} submitLabel={again ? 'Send a new link' : 'Assign the token'}>
            <p>
              {again ? 'The earlier activation link stops working. ' : `The ${chosen.type} token ${chosen.serial} leaves the inventory and is reserved for ${user.displayName ?? user.username}. `}
              They get an email at <strong className="break-all">{user.email}</strong> with a link where they type a code from the token and choose a PIN. Until then the token does not work.
            </p>
            <p>Give them the device itself as you usually do (by hand or by post).</p>
          </StaffActionForm>
        </StaffShell>
      )
    }
  }

  // In stock, or assigned to this user already (assigning again sends a fresh link); not crowded out by tokens in other states.
  const [inStock, assigned] = search ? await Promise.all([listHardwareTokens({ search, status: 'INVENTORY', limit: 20 }), listHardwareTokens({ search, status: 'ASSIGNED', limit: 20 })]) : []
  const offered = [...(assigned?.tokens.filter((t) => t.holder === user.username) ?? []), ...(inStock?.tokens ?? [])]
  const back = `/staff/users/${user.id}`
  return (
    <StaffShell session={session} current="users">
      <section aria-labelledby="assign-title" className={card}>
        <p>
          <Link href={back} className={linkClass}>
            ← {user.displayName ?? user.username} ({user.username})
          </Link>
        </p>
        <h1 id="assign-title" className="mt-3 text-2xl font-semibold tracking-tight">
          Assign a hardware token
        </h1>
        {serial ? (
          <p role="alert" className="mt-3 rounded-lg border border-red-300 bg-red-50 p-3 text-red-900">
            Token {serial.slice(0, 64)} is not in the inventory (anymore). Search again.
          </p>
        ) : null}
        <form method="get" className="mt-4 flex flex-wrap items-end gap-3" role="search">
          <div>
            <label htmlFor="q" className="block font-medium">
              Serial number
            </label>
            <p id="q-hint" className="text-sm text-slate-700">
              The whole serial, or how it starts, as printed on the device.
            </p>
            <input id="q" name="q" defaultValue={search} maxLength={64} aria-describedby="q-hint" autoComplete="off" spellCheck={false} className="mt-1 rounded-lg border border-slate-400 px-3 py-2" />
          </div>
          <button type="submit" className={secondaryButton}>
            Search the inventory
          </button>
        </form>
        {search ? (
          offered.length ? (
            <ul className="mt-4 space-y-2" aria-label="Tokens in stock">
              {offered.map((t) => (
                <li key={t.id} className="flex flex-wrap items-center gap-3">
                  <span className="font-mono">{t.serial}</span>
                  <span className="text-sm text-slate-700">
                    {t.type}, {t.digits} digits{t.status === 'ASSIGNED' ? ', assigned to this user, not yet activated' : ''}
                  </span>
                  <Link href={`/staff/users/${user.id}/assign-token?serial=${encodeURIComponent(t.serial)}`} className={primaryButton} aria-label={`Choose ${t.serial}`}>
                    Choose
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-4 text-slate-700">No token in stock has a serial starting with “{search}”.</p>
          )
        ) : null}
      </section>
    </StaffShell>
  )
}
