import 'server-only'
import type { Prisma, StaffLinkPurpose } from '@/generated/prisma/client'
import { auditEventData, type AuditActor, type AuditContext } from '@/lib/audit'
import { getConfig } from '@/lib/config'
import { generateUrlToken, keyedHash } from '@/lib/crypto'

/** How long a set-up link works: a day for a new staff member's email; an hour for the first administrator's, printed on the console. */
export const STAFF_LINK_HOURS: Record<StaffLinkPurpose, number> = { SETUP: 24, FIRST_ADMIN: 1 }

export const staffSetupPath = (token: string) => `/staff/setup/${token}`

/**
 * Inside the caller's transaction: a one-time set-up link, stored as a
 * keyed hash, audited. A new SETUP link for an account ends its earlier
 * unused ones (only the newest email counts). FIRST_ADMIN links do not end
 * each other, so every instance's printed URL works for its hour; finishing
 * any one ends the rest.
 */
export async function createStaffLink({
  tx,
  purpose,
  staffUser,
  actor,
  context,
  createdBy,
  now = new Date(),
}: {
  tx: Prisma.TransactionClient
  purpose: StaffLinkPurpose
  staffUser?: { id: string; username: string }
  actor: AuditActor
  context?: AuditContext
  createdBy: string
  now?: Date
}): Promise<{ url: string; linkId: string; expiresAt: Date }> {
  const token = generateUrlToken()
  const expiresAt = new Date(now.getTime() + STAFF_LINK_HOURS[purpose] * 3_600_000)
  if (staffUser) await tx.staffLink.updateMany({ where: { staffUserId: staffUser.id, purpose, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } })
  const link = await tx.staffLink.create({
    data: { purpose, staffUserId: staffUser?.id ?? null, tokenHash: keyedHash({ purpose: 'staff-link', value: token }), expiresAt, createdBy, createdAt: now },
    select: { id: true },
  })
  await tx.auditEvent.create({
    data: auditEventData({
      action: 'staff-link.created',
      actor,
      context,
      subject: staffUser ? { type: 'staff', id: staffUser.id, label: staffUser.username } : { type: 'staff-link', id: link.id },
      details: { purpose, linkId: link.id, expiresAt: expiresAt.toISOString(), createdBy },
    }),
  })
  return { url: `${getConfig().appUrl}${staffSetupPath(token)}`, linkId: link.id, expiresAt }
}
