import 'server-only'
import { getDb } from '@/lib/db'
import { isPinExpired } from '@/lib/policy'
import { getSettings } from '@/lib/settings'
import { isSessionAlive, type UserSession } from './user-session'

/** lastSeenAt is written at most this often: one write a minute per active session. */
const TOUCH_EVERY_MS = 60_000

/**
 * The session row behind a cookie, checked on every request: not ended, not
 * idle past the policy (Settings.sessionIdleMinutes), the account active.
 * Marks it seen. An idle session is ended here, so it shows as such in the
 * activity log. Returns null when it no longer counts.
 */
export async function checkUserSession({ sessionId, now = new Date() }: { sessionId: string; now?: Date }): Promise<UserSession | null> {
  const db = getDb()
  const [settings, row] = await Promise.all([
    getSettings(),
    db.userSession.findUnique({
      where: { id: sessionId },
      include: {
        user: {
          select: {
            id: true,
            username: true,
            email: true,
            displayName: true,
            status: true,
            tokens: { where: { status: 'ACTIVE', pinHash: { not: null } }, select: { id: true, name: true, serial: true, pinSetAt: true }, orderBy: { activatedAt: 'asc' } },
          },
        },
      },
    }),
  ])
  if (!row || row.user.status !== 'ACTIVE') return null
  if (!isSessionAlive({ endedAt: row.endedAt, lastSeenAt: row.lastSeenAt, idleMinutes: settings.sessionIdleMinutes, now })) {
    if (!row.endedAt) await db.userSession.updateMany({ where: { id: row.id, endedAt: null }, data: { endedAt: now, endedReason: 'idle' } })
    return null
  }
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await db.userSession.updateMany({ where: { id: row.id, endedAt: null }, data: { lastSeenAt: now } })
  const expired = row.kind === 'FULL' ? row.user.tokens.find((t) => isPinExpired({ pinSetAt: t.pinSetAt, settings, now })) : undefined
  return {
    sessionId: row.id,
    kind: row.kind,
    user: { id: row.user.id, username: row.user.username, email: row.user.email, displayName: row.user.displayName },
    mustChangePin: expired ? { tokenId: expired.id, tokenName: expired.name ?? expired.serial } : null,
  }
}
