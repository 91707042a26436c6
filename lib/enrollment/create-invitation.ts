import 'server-only'
import { randomUUID } from 'node:crypto'
import type { Prisma, Settings } from '@/generated/prisma/client'
import { auditEventData, type AuditActor, type AuditContext } from '@/lib/audit'
import { getConfig } from '@/lib/config'
import { generateUrlToken, keyedHash } from '@/lib/crypto'
import { brandFromSettings, prepareEmail, queueEmails } from '@/lib/mail'

export type InvitationReason = 'invite' | 'self-request'
type InvitedUser = { id: string; username: string; email: string; displayName: string | null }

/** The public enrollment URL for a link token. */
export function enrollmentLink(token: string): string {
  return `${getConfig().appUrl}/enroll/${token}`
}

/**
 * Inside the caller's transaction, for each user: creates an invitation
 * whose 256-bit link token is stored only as a keyed hash, queues its email
 * and audits both. The token itself leaves this function only inside the
 * (sealed) email. A fixed handful of statements however many users, so bulk
 * invitations stay fast.
 *
 * Staff and the CLI decide: their invitation revokes the user's earlier
 * unused links. A self-request does not: anyone can type a username, and a
 * request must never break an enrollment someone is halfway through. Its
 * links stay valid until they expire; completing any one revokes the rest.
 */
export async function createInvitations({
  tx,
  users,
  settings,
  reason,
  actor,
  context,
  now = new Date(),
}: {
  tx: Prisma.TransactionClient
  users: InvitedUser[]
  settings: Settings
  reason: InvitationReason
  actor: AuditActor | ((user: InvitedUser) => AuditActor)
  context?: AuditContext
  now?: Date
}): Promise<{ userId: string; invitationId: string; emailId: string; expiresAt: Date }[]> {
  if (users.length === 0) return []
  const expiresAt = new Date(now.getTime() + settings.invitationTtlHours * 3600_000)
  const brand = brandFromSettings(settings)
  const actorFor = typeof actor === 'function' ? actor : () => actor
  const template = reason === 'self-request' ? 'enrollment-link-requested' : 'enrollment-invitation'

  const created = users.map((user) => {
    const token = generateUrlToken()
    return {
      user,
      invitation: {
        id: randomUUID(),
        userId: user.id,
        tokenHash: keyedHash({ purpose: 'link-token', value: token }),
        expiresAt,
        createdAt: now,
        createdBy: actorFor(user).label ?? actorFor(user).type.toLowerCase(),
        selfRequested: reason === 'self-request',
      },
      email: prepareEmail({ to: user.email, template, brand, props: { name: user.displayName ?? user.username, link: enrollmentLink(token), expiresAt } }),
    }
  })

  if (reason !== 'self-request') {
    await tx.enrollmentInvitation.updateMany({
      where: { userId: { in: users.map((u) => u.id) }, usedAt: null, revokedAt: null },
      data: { revokedAt: now, revokedReason: 'superseded' },
    })
  }
  await tx.enrollmentInvitation.createMany({ data: created.map((c) => c.invitation) })
  await tx.auditEvent.createMany({
    data: created.map((c) =>
      auditEventData({
        action: 'invitation.created',
        actor: actorFor(c.user),
        context,
        subject: { type: 'user', id: c.user.id, label: c.user.username },
        details: { invitationId: c.invitation.id, reason, expiresAt: expiresAt.toISOString() },
      }),
    ),
  })
  if (typeof actor === 'function') {
    // Each person asked for their own link: each mail.queued event names them.
    for (const c of created) await queueEmails({ tx, emails: [c.email], actor: actor(c.user) })
  } else {
    await queueEmails({ tx, emails: created.map((c) => c.email), actor })
  }
  return created.map((c) => ({ userId: c.user.id, invitationId: c.invitation.id, emailId: c.email.id, expiresAt }))
}
