import 'server-only'
import { getDb } from '@/lib/db'
import { getSettings } from '@/lib/settings'
import type { StaffSession } from './staff-session'
import { isSessionAlive } from './user-session'

const TOUCH_EVERY_MS = 60_000

/**
 * The staff session row behind a cookie, checked on every request, as
 * users' are (decision 009): not ended, not idle past
 * Settings.staffSessionIdleMinutes, the account set up and not disabled.
 * The role is read here each time, so a role change takes effect at once.
 */
export async function checkStaffSession({ sessionId, now = new Date() }: { sessionId: string; now?: Date }): Promise<StaffSession | null> {
  const db = getDb()
  const [settings, row] = await Promise.all([
    getSettings(),
    db.staffSession.findUnique({
      where: { id: sessionId },
      include: { staffUser: { select: { id: true, username: true, email: true, displayName: true, role: true, activatedAt: true, disabledAt: true } } },
    }),
  ])
  if (!row || !row.staffUser.activatedAt || row.staffUser.disabledAt) return null
  if (!isSessionAlive({ endedAt: row.endedAt, lastSeenAt: row.lastSeenAt, idleMinutes: settings.staffSessionIdleMinutes, now })) {
    if (!row.endedAt) await db.staffSession.updateMany({ where: { id: row.id, endedAt: null }, data: { endedAt: now, endedReason: 'idle' } })
    return null
  }
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await db.staffSession.updateMany({ where: { id: row.id, endedAt: null }, data: { lastSeenAt: now } })
  const { id, username, email, displayName, role } = row.staffUser
  return { sessionId: row.id, staff: { id, username, email, displayName, role }, authenticatedAt: row.authenticatedAt }
}
