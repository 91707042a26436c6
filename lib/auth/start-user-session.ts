import 'server-only'
import type { Prisma } from '@/generated/prisma/client'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import type { SessionKind } from './user-session'

/**
 * A new signed-in session for a user, audited. FULL after PIN + code;
 * LIMITED after an emailed link or a recovery code.
 */
export async function startUserSession({
  user,
  kind,
  method,
  context,
  tx,
  now = new Date(),
}: {
  user: { id: string; username: string }
  kind: SessionKind
  method: 'passcode' | 'email-link' | 'recovery-code'
  context?: AuditContext
  tx?: Prisma.TransactionClient
  now?: Date
}): Promise<{ id: string }> {
  const db = tx ?? getDb()
  const session = await db.userSession.create({
    data: { userId: user.id, kind, method, createdAt: now, lastSeenAt: now, ip: context?.ip ?? null, userAgent: context?.userAgent?.slice(0, 512) ?? null },
    select: { id: true },
  })
  await recordAuditEvent({
    tx,
    action: 'user.signed-in',
    actor: { type: 'USER', id: user.id, label: user.username },
    subject: { type: 'user', id: user.id, label: user.username },
    context,
    details: { method, kind, session: session.id },
  })
  return session
}
