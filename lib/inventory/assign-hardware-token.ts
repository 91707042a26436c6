import 'server-only'
import { randomUUID } from 'node:crypto'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import type { StaffSession } from '@/lib/auth'
import { staffActor } from '@/lib/auth/staff-session'
import { getConfig } from '@/lib/config'
import { generateUrlToken, keyedHash } from '@/lib/crypto'
import { getDb } from '@/lib/db'
import { ZReason } from '@/lib/helpdesk/schemas'
import { brandFromSettings, queueEmail } from '@/lib/mail'
import { getSettings } from '@/lib/settings'

export type AssignResult = { ok: true; serial: string; tokenId: string; resent: boolean } | { ok: false; notFound: true } | { ok: false; errors: { serial?: string[]; reason?: string[]; form?: string[] } }

/** The public activation URL for a link token (the same 256-bit tokens and keyed hashes as enrollment links). */
export function activationLink(token: string): string {
  return `${getConfig().appUrl}/activate/${token}`
}

/**
 * Staff give a hardware token from inventory to a user: the token becomes
 * ASSIGNED (never validates yet) and the user is emailed an activation link
 * (an EnrollmentInvitation row: the link token stored only as a keyed hash,
 * expiring per `invitationTtlHours`, locking after `enrollmentMaxFailures`
 * wrong codes). The user proves possession there with a code from the device
 * and sets a PIN (activate-assigned-token.ts). Assigning a token already
 * ASSIGNED to the same user sends a fresh link and revokes the old one. The
 * staff's choice, the token change, the link and the email are one
 * transaction; the conditional update stops two staff assigning one token.
 */
export async function assignHardwareToken({
  session,
  userId,
  serial,
  reason: typedReason,
  context,
  now = new Date(),
}: {
  session: StaffSession
  userId: string
  serial: string
  /** Why, for the audit log (a ticket number), as for every helpdesk action. */
  reason: string
  context: AuditContext
  now?: Date
}): Promise<AssignResult> {
  const db = getDb()
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, username: true, email: true, displayName: true, status: true } })
  if (!user) return { ok: false, notFound: true }
  if (user.status !== 'ACTIVE') return { ok: false, errors: { form: ['This user’s account is disabled. Enable it before assigning a token.'] } }
  const wanted = serial.trim()
  if (!wanted) return { ok: false, errors: { serial: ['Choose a serial number from the inventory.'] } }
  const reason = ZReason.safeParse(typedReason)
  if (!reason.success) return { ok: false, errors: { reason: [reason.error.issues[0]!.message] } }
  const token = await db.token.findFirst({
    where: { serial: wanted, origin: 'HARDWARE', OR: [{ status: 'INVENTORY', userId: null }, { status: 'ASSIGNED', userId }] },
    select: { id: true, serial: true, status: true, invitationId: true },
  })
  if (!token) return { ok: false, errors: { serial: [`No hardware token with serial “${wanted.slice(0, 64)}” is in the inventory.`] } }

  const settings = await getSettings()
  const actor = staffActor(session)
  const linkToken = generateUrlToken()
  const invitationId = randomUUID()
  const expiresAt = new Date(now.getTime() + settings.invitationTtlHours * 3600_000)
  const won = await db.$transaction(async (tx) => {
    if (token.invitationId) {
      await tx.enrollmentInvitation.updateMany({ where: { id: token.invitationId, usedAt: null, revokedAt: null }, data: { revokedAt: now, revokedReason: 'superseded' } })
    }
    await tx.enrollmentInvitation.create({
      data: { id: invitationId, userId, tokenHash: keyedHash({ purpose: 'link-token', value: linkToken }), expiresAt, createdAt: now, createdBy: actor.label ?? 'staff' },
    })
    const { count } = await tx.token.updateMany({
      where: { id: token.id, status: token.status, invitationId: token.invitationId, ...(token.status === 'INVENTORY' ? { userId: null } : { userId }) },
      data: { status: 'ASSIGNED', userId, invitationId, statusChangedAt: now },
    })
    if (count !== 1) throw new Conflict()
    await recordAuditEvent({
      tx,
      action: token.status === 'INVENTORY' ? 'inventory.assigned' : 'inventory.assignment-resent',
      actor,
      context,
      subject: { type: 'token', id: token.id, label: token.serial },
      details: { userId, username: user.username, reason: reason.data, invitationId, expiresAt: expiresAt.toISOString() },
    })
    await queueEmail({
      tx,
      actor,
      to: user.email,
      template: 'hardware-token-assigned',
      brand: brandFromSettings(settings),
      props: { name: user.displayName ?? user.username, serial: token.serial, link: activationLink(linkToken), expiresAt },
    })
    return true
  }).catch((error: unknown) => {
    if (error instanceof Conflict) return false
    throw error
  })
  if (!won) return { ok: false, errors: { serial: ['This token changed meanwhile (someone else assigned it). Choose another serial.'] } }
  return { ok: true, serial: token.serial, tokenId: token.id, resent: token.status === 'ASSIGNED' }
}

class Conflict extends Error {}
