import 'server-only'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import type { StaffSession } from '@/lib/auth'
import { staffActor } from '@/lib/auth/staff-session'
import { getDb } from '@/lib/db'
import { CLEARED_HOLDER_STATE } from '@/lib/tokens'

export type ReturnResult = { ok: true; serial: string } | { ok: false; notFound: true } | { ok: false; errors: { form: string[] } }

/** The states a hardware token may be returned to inventory from: revoked, or assigned but never activated. */
export const RETURNABLE = ['REVOKED', 'ASSIGNED'] as const

/**
 * An admin, holding the device again, puts a hardware token back in stock:
 * REVOKED (or ASSIGNED, to take back an assignment never activated) →
 * INVENTORY, without holder, PIN or name, its activation link revoked. The
 * sealed seed is kept: that is what makes reuse possible. A token whose seed
 * was destroyed cannot be returned (nothing could ever check its codes);
 * decision 023. Conditional update, audited in the same transaction.
 */
export async function returnTokenToInventory({ session, tokenId, context, now = new Date() }: { session: StaffSession; tokenId: string; context: AuditContext; now?: Date }): Promise<ReturnResult> {
  const db = getDb()
  const token = await db.token.findFirst({
    where: { id: tokenId, origin: 'HARDWARE' },
    select: { id: true, serial: true, status: true, userId: true, secretKeyId: true, secretCiphertext: true, invitationId: true, user: { select: { username: true } } },
  })
  if (!token) return { ok: false, notFound: true }
  if (!(RETURNABLE as readonly string[]).includes(token.status)) {
    return { ok: false, errors: { form: [`Token ${token.serial} is ${token.status.toLowerCase()}: only a revoked token, or one assigned and not yet activated, can go back to the inventory.`] } }
  }
  if (token.secretKeyId === 'destroyed' || !token.secretCiphertext) {
    return { ok: false, errors: { form: [`Token ${token.serial}’s seed was destroyed: import its seed file again before it can be reused.`] } }
  }
  const actor = staffActor(session)
  const done = await db.$transaction(async (tx) => {
    const { count } = await tx.token.updateMany({
      where: { id: token.id, status: token.status, userId: token.userId },
      data: { ...CLEARED_HOLDER_STATE, status: 'INVENTORY', userId: null, statusChangedAt: now },
    })
    if (count !== 1) return false
    if (token.invitationId) {
      await tx.enrollmentInvitation.updateMany({ where: { id: token.invitationId, usedAt: null, revokedAt: null }, data: { revokedAt: now, revokedReason: 'staff' } })
    }
    await recordAuditEvent({
      tx,
      action: 'inventory.returned',
      actor,
      context,
      subject: { type: 'token', id: token.id, label: token.serial },
      details: { from: token.status, previousHolder: token.user?.username ?? null },
    })
    return true
  })
  return done ? { ok: true, serial: token.serial } : { ok: false, errors: { form: ['This token changed meanwhile. Reload the page and try again.'] } }
}
