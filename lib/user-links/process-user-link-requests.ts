import 'server-only'
import { recordAuditEvent } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { getSettings } from '@/lib/settings'
import { createUserLink } from './create-user-link'

/**
 * The work behind "email me a sign-in link" and "forgot my PIN" (the pages
 * only record the request): for each request, oldest first, find the
 * account and send the link, or audit why not. A PIN-reset link goes only
 * to someone with an active token (there is no PIN to set otherwise). Each
 * request is taken by deleting its row in the transaction that does the
 * work, so several servers never handle one twice.
 */
export async function processUserLinkRequests({ limit = 50, now = () => new Date() }: { limit?: number; now?: () => Date } = {}): Promise<number> {
  const db = getDb()
  const pending = await db.enrollmentRequest.findMany({ where: { purpose: { in: ['sign-in', 'pin-reset'] } }, orderBy: { createdAt: 'asc' }, take: limit })
  let handled = 0
  for (const request of pending) {
    const settings = await getSettings()
    const context = { ip: request.ip, userAgent: request.userAgent }
    const users = await db.user.findMany({
      where: { status: 'ACTIVE', OR: [{ username: request.identifier }, { email: request.identifier }], ...(request.purpose === 'pin-reset' ? { tokens: { some: { status: 'ACTIVE' } } } : {}) },
      select: { id: true, username: true, email: true, displayName: true },
      take: 5,
    })
    const taken = await db.$transaction(async (tx) => {
      if ((await tx.enrollmentRequest.deleteMany({ where: { id: request.id } })).count !== 1) return false
      if (users.length === 0) {
        await recordAuditEvent({ tx, action: 'user-link.request-ignored', actor: { type: 'USER', label: 'anonymous' }, context, details: { purpose: request.purpose, reason: 'no-matching-account' } })
        return true
      }
      for (const user of users) {
        await createUserLink({ tx, user, purpose: request.purpose === 'sign-in' ? 'SIGN_IN' : 'PIN_RESET', settings, actor: { type: 'USER', id: user.id, label: user.username }, context, now: now() })
      }
      return true
    })
    if (taken) handled++
  }
  return handled
}
