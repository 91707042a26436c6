import 'server-only'
import type { AuditActor } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { getSettings } from '@/lib/settings'
import { normalizeUsername } from '@/lib/users'
import { createInvitations } from './create-invitation'

export type InviteResult = { username: string; email: string; expiresAt: Date }

// Invitations are written in chunks, one transaction and a handful of
// statements each: a bulk run of thousands commits a few dozen times.
const CHUNK = 500

/**
 * Invites the named users, or with `allPending` every active user who has
 * neither an active token nor a live invitation. Named users must all exist
 * and be active, else nothing is sent.
 */
export async function inviteUsers({
  usernames = [],
  allPending = false,
  actor,
  now = new Date(),
}: {
  usernames?: string[]
  allPending?: boolean
  actor: AuditActor
  now?: Date
}): Promise<InviteResult[]> {
  const db = getDb()
  const select = { id: true, username: true, email: true, displayName: true, status: true } as const
  let users: { id: string; username: string; email: string; displayName: string | null; status: 'ACTIVE' | 'DISABLED' }[]
  if (allPending) {
    users = await db.user.findMany({
      where: {
        status: 'ACTIVE',
        tokens: { none: { status: 'ACTIVE' } },
        invitations: { none: { usedAt: null, revokedAt: null, lockedAt: null, expiresAt: { gt: now } } },
      },
      orderBy: { username: 'asc' },
      select,
    })
  } else {
    const wanted = [...new Set(usernames.map(normalizeUsername))]
    if (wanted.length === 0) throw new AppError('INVALID_INPUT', 'Name at least one user to invite, or use --all-pending')
    users = await db.user.findMany({ where: { username: { in: wanted } }, orderBy: { username: 'asc' }, select })
    const missing = wanted.filter((u) => !users.some((found) => found.username === u))
    if (missing.length) throw new AppError('NOT_FOUND', `No user named ${missing.join(', ')}; nothing was sent`)
    const disabled = users.filter((u) => u.status !== 'ACTIVE').map((u) => u.username)
    if (disabled.length) throw new AppError('INVALID_INPUT', `${disabled.join(', ')} is disabled; nothing was sent`)
  }

  const settings = await getSettings()
  const results: InviteResult[] = []
  for (let i = 0; i < users.length; i += CHUNK) {
    const chunk = users.slice(i, i + CHUNK)
    const created = await db.$transaction((tx) => createInvitations({ tx, users: chunk, settings, reason: 'invite', actor, now }), { timeout: 60_000 })
    created.forEach((c, j) => results.push({ username: chunk[j]!.username, email: chunk[j]!.email, expiresAt: c.expiresAt }))
  }
  return results
}
