import 'server-only'
import { recordAuditEvent } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { getSettings } from '@/lib/settings'
import { createInvitations } from './create-invitation'

/**
 * The work behind "send me a new link" (requestEnrollmentLink only records
 * the request): for each recorded request, oldest first, find the account,
 * create a self-requested link and queue its email, or audit why not. Each
 * request is taken by deleting its row inside the transaction that does the
 * work, so with several servers running this each request is handled once,
 * and a crash leaves it for the next run. Returns how many it handled.
 */
export async function processEnrollmentRequests({ limit = 50, now = () => new Date() }: { limit?: number; now?: () => Date } = {}): Promise<number> {
  const db = getDb()
  const pending = await db.enrollmentRequest.findMany({ where: { purpose: 'enroll' }, orderBy: { createdAt: 'asc' }, take: limit })
  let handled = 0
  for (const request of pending) {
    const settings = await getSettings()
    const context = { ip: request.ip, userAgent: request.userAgent }
    const users = settings.selfRequestEnabled
      ? await db.user.findMany({
          where: { status: 'ACTIVE', OR: [{ username: request.identifier }, { email: request.identifier }] },
          select: { id: true, username: true, email: true, displayName: true },
          take: 5,
        })
      : []
    const taken = await db.$transaction(async (tx) => {
      if ((await tx.enrollmentRequest.deleteMany({ where: { id: request.id } })).count !== 1) return false
      if (users.length === 0) {
        await recordAuditEvent({
          tx,
          action: 'invitation.request-ignored',
          actor: { type: 'USER', label: 'anonymous' },
          context,
          details: { reason: settings.selfRequestEnabled ? 'no-matching-account' : 'self-request-disabled' },
        })
        return true
      }
      await createInvitations({ tx, users, settings, reason: 'self-request', actor: (user) => ({ type: 'USER', id: user.id, label: user.username }), context, now: now() })
      return true
    })
    if (taken) handled++
  }
  return handled
}
