import 'server-only'
import type { Prisma, Settings } from '@/generated/prisma/client'
import { recordAuditEvent, type AuditActor, type AuditContext } from '@/lib/audit'
import { getConfig } from '@/lib/config'
import { generateUrlToken, keyedHash } from '@/lib/crypto'
import { brandFromSettings, queueEmail } from '@/lib/mail'

export type InvitationReason = 'invite' | 'self-request'

/** The public enrollment URL for a link token. */
export function enrollmentLink(token: string): string {
  return `${getConfig().appUrl}/enroll/${token}`
}

/**
 * Inside the caller's transaction: revokes the user's earlier unused links,
 * creates an invitation whose 256-bit link token is stored only as a keyed
 * hash, queues its email and audits both. The token itself leaves this
 * function only inside the (sealed) email.
 */
export async function createInvitation({
  tx,
  user,
  settings,
  reason,
  actor,
  context,
  now = new Date(),
}: {
  tx: Prisma.TransactionClient
  user: { id: string; username: string; email: string; displayName: string | null }
  settings: Settings
  reason: InvitationReason
  actor: AuditActor
  context?: AuditContext
  now?: Date
}): Promise<{ invitationId: string; expiresAt: Date }> {
  const token = generateUrlToken()
  const expiresAt = new Date(now.getTime() + settings.invitationTtlHours * 3600_000)

  const { count: superseded } = await tx.enrollmentInvitation.updateMany({
    where: { userId: user.id, usedAt: null, revokedAt: null },
    data: { revokedAt: now, revokedReason: 'superseded' },
  })
  const invitation = await tx.enrollmentInvitation.create({
    data: {
      userId: user.id,
      tokenHash: keyedHash({ purpose: 'link-token', value: token }),
      expiresAt,
      createdBy: actor.label ?? actor.type.toLowerCase(),
    },
    select: { id: true },
  })
  await recordAuditEvent({
    tx,
    action: 'invitation.created',
    actor,
    context,
    subject: { type: 'user', id: user.id, label: user.username },
    details: { invitationId: invitation.id, reason, expiresAt: expiresAt.toISOString(), superseded },
  })
  await queueEmail({
    tx,
    to: user.email,
    template: reason === 'self-request' ? 'enrollment-link-requested' : 'enrollment-invitation',
    brand: brandFromSettings(settings),
    props: { name: user.displayName ?? user.username, link: enrollmentLink(token), expiresAt },
    actor,
  })
  return { invitationId: invitation.id, expiresAt }
}
