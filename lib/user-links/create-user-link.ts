import 'server-only'
import type { Prisma, Settings, UserLinkPurpose } from '@/generated/prisma/client'
import { auditEventData, type AuditActor, type AuditContext } from '@/lib/audit'
import { getConfig } from '@/lib/config'
import { generateUrlToken, keyedHash } from '@/lib/crypto'
import { brandFromSettings, queueEmail } from '@/lib/mail'

/** How long each kind of link works. A sign-in link is short-lived: it opens a session. */
export const USER_LINK_MINUTES: Record<UserLinkPurpose, number> = { SIGN_IN: 15, PIN_RESET: 60 }

const PATHS: Record<UserLinkPurpose, string> = { SIGN_IN: '/sign-in/link/', PIN_RESET: '/forgot-pin/' }

/**
 * Inside the caller's transaction: a one-time link for a user (sign in
 * without a token, or set a new PIN), stored as a keyed hash, with its
 * email queued and both audited. Earlier unused links of the same kind stop
 * working: only the newest email counts.
 */
export async function createUserLink({
  tx,
  user,
  purpose,
  settings,
  actor,
  context,
  byHelpdesk = false,
  now = new Date(),
}: {
  tx: Prisma.TransactionClient
  user: { id: string; username: string; email: string; displayName: string | null }
  purpose: UserLinkPurpose
  settings: Settings
  actor: AuditActor
  context?: AuditContext
  byHelpdesk?: boolean
  now?: Date
}): Promise<{ linkId: string; expiresAt: Date }> {
  const token = generateUrlToken()
  const expiresAt = new Date(now.getTime() + USER_LINK_MINUTES[purpose] * 60_000)
  await tx.userLink.updateMany({ where: { userId: user.id, purpose, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } })
  const link = await tx.userLink.create({
    data: { userId: user.id, purpose, tokenHash: keyedHash({ purpose: 'user-link', value: token }), expiresAt, createdAt: now, createdBy: byHelpdesk ? (actor.label ?? 'helpdesk') : 'self' },
    select: { id: true },
  })
  await tx.auditEvent.create({
    data: auditEventData({ action: 'user-link.created', actor, context, subject: { type: 'user', id: user.id, label: user.username }, details: { purpose, linkId: link.id, expiresAt: expiresAt.toISOString() } }),
  })
  const url = `${getConfig().appUrl}${PATHS[purpose]}${token}`
  const name = user.displayName ?? user.username
  const brand = brandFromSettings(settings)
  if (purpose === 'SIGN_IN') await queueEmail({ tx, actor, to: user.email, template: 'sign-in-link', brand, props: { name, link: url, expiresAt } })
  else await queueEmail({ tx, actor, to: user.email, template: 'pin-reset-link', brand, props: { name, link: url, expiresAt, byHelpdesk } })
  return { linkId: link.id, expiresAt }
}
