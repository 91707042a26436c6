import 'server-only'
import { randomUUID } from 'node:crypto'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import type { UserSession } from '@/lib/auth'
import { generateUrlToken, keyedHash } from '@/lib/crypto'
import { getDb } from '@/lib/db'
import { getSettings } from '@/lib/settings'

export type PortalEnrollmentProblem = 'approval' | 'not-yours' | 'has-token' | 'limit'
export type PortalEnrollment = { ok: true; link: string } | { ok: false; problem: PortalEnrollmentProblem }

/**
 * Enroll a token from the portal, right here, without waiting for an email:
 * "add another token" (when the policy allows more than one), "move to a new
 * phone" (`replaceTokenId`: that token keeps working until the new one is
 * set up, then it is revoked), or a replacement after reporting a token lost.
 * The signed-in session is the proof a self-requested link would ask for.
 * Returns the enrollment link's path, to go to at once; it is never mailed.
 */
export async function startPortalEnrollment({
  session,
  replaceTokenId,
  context,
  now = new Date(),
}: {
  session: UserSession
  replaceTokenId?: string
  context?: AuditContext
  now?: Date
}): Promise<PortalEnrollment> {
  const db = getDb()
  const settings = await getSettings()
  if (session.kind === 'LIMITED' && settings.replacementNeedsApproval) {
    return { ok: false, problem: 'approval' }
  }
  const active = await db.token.findMany({ where: { userId: session.user.id, status: 'ACTIVE' }, select: { id: true } })
  if (replaceTokenId) {
    // Only a full session moves a working token; only your own.
    if (session.kind !== 'FULL' || !active.some((t) => t.id === replaceTokenId)) return { ok: false, problem: 'not-yours' }
  } else if (session.kind === 'LIMITED' && active.length > 0) {
    return { ok: false, problem: 'has-token' }
  } else if (session.kind === 'FULL' && active.length >= Math.max(settings.maxTokensPerUser, 1)) {
    return { ok: false, problem: 'limit' }
  }

  const token = generateUrlToken()
  await db.$transaction(async (tx) => {
    const created = await tx.enrollmentInvitation.create({
      data: {
        id: randomUUID(),
        userId: session.user.id,
        tokenHash: keyedHash({ purpose: 'link-token', value: token }),
        expiresAt: new Date(now.getTime() + settings.invitationTtlHours * 3600_000),
        createdAt: now,
        createdBy: 'portal',
        replacesTokenId: replaceTokenId ?? null,
      },
      select: { id: true },
    })
    await recordAuditEvent({
      tx,
      action: 'invitation.created',
      actor: { type: 'USER', id: session.user.id, label: session.user.username },
      context,
      subject: { type: 'user', id: session.user.id, label: session.user.username },
      details: { invitationId: created.id, reason: replaceTokenId ? 'portal-move' : 'portal', session: session.kind },
    })
  })
  return { ok: true, link: `/enroll/${token}` }
}
