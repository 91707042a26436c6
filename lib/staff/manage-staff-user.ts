import 'server-only'
import type { Prisma, StaffRole } from '@/generated/prisma/client'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
// The pure session module, not lib/auth's index: the CLI loads lib/staff, and the index brings Next's navigation with it.
import { staffActor, type StaffSession } from '@/lib/auth/staff-session'
import { getDb } from '@/lib/db'
import { roleName } from './add-staff-user'

export type StaffChange = { ok: true } | { ok: false; notFound: true } | { ok: false; error: string }

class LastAdmin extends Error {}

/**
 * Inside the transaction, before changing an account: takes a lock on
 * every administrator row (PostgreSQL row locks; SQLite's write lock), so
 * two administrators demoting or disabling each other at the same moment
 * are decided one after the other, then checks that at least one other
 * active administrator remains.
 */
async function keepAnAdmin(tx: Prisma.TransactionClient, staffId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "StaffUser" SET "role" = "role" WHERE "role" = 'ADMIN'`
  const others = await tx.staffUser.count({ where: { role: 'ADMIN', activatedAt: { not: null }, disabledAt: null, id: { not: staffId } } })
  if (others === 0) throw new LastAdmin()
}

/**
 * An administrator changes a staff member's role. The last active
 * administrator cannot be demoted (nobody could manage staff any more).
 * Takes effect on the member's next request (the role is read with the
 * session each time).
 */
export async function changeStaffRole({ session, staffId, role, context }: { session: StaffSession; staffId: string; role: StaffRole; context?: AuditContext }): Promise<StaffChange> {
  const db = getDb()
  const target = await db.staffUser.findUnique({ where: { id: staffId }, select: { id: true, username: true, role: true, activatedAt: true, disabledAt: true } })
  if (!target) return { ok: false, notFound: true }
  if (target.role === role) return { ok: true }
  try {
    await db.$transaction(async (tx) => {
      if (target.role === 'ADMIN' && target.activatedAt && !target.disabledAt) await keepAnAdmin(tx, staffId)
      await tx.staffUser.update({ where: { id: staffId }, data: { role } })
      await recordAuditEvent({ tx, action: 'staff.role-changed', actor: staffActor(session), context, subject: { type: 'staff', id: staffId, label: target.username }, details: { from: roleName(target.role), to: roleName(role) } })
    })
  } catch (error) {
    if (error instanceof LastAdmin) return { ok: false, error: `${target.username} is the last active administrator. Make someone else an administrator first.` }
    throw error
  }
  return { ok: true }
}

/**
 * Disables a staff account (its sessions end at once; it cannot sign in)
 * or enables it again. The last active administrator cannot be disabled.
 */
export async function setStaffDisabled({ session, staffId, disabled, context, now = new Date() }: { session: StaffSession; staffId: string; disabled: boolean; context?: AuditContext; now?: Date }): Promise<StaffChange> {
  const db = getDb()
  const target = await db.staffUser.findUnique({ where: { id: staffId }, select: { id: true, username: true, role: true, activatedAt: true, disabledAt: true } })
  if (!target) return { ok: false, notFound: true }
  if (Boolean(target.disabledAt) === disabled) return { ok: true }
  try {
    await db.$transaction(async (tx) => {
      if (disabled && target.role === 'ADMIN' && target.activatedAt) await keepAnAdmin(tx, staffId)
      await tx.staffUser.update({ where: { id: staffId }, data: { disabledAt: disabled ? now : null, ...(disabled ? {} : { failedAttempts: 0, lockedAt: null, lockedUntil: null }) } })
      if (disabled) await tx.staffSession.updateMany({ where: { staffUserId: staffId, endedAt: null }, data: { endedAt: now, endedReason: 'disabled' } })
      await recordAuditEvent({ tx, action: disabled ? 'staff.disabled' : 'staff.enabled', actor: staffActor(session), context, subject: { type: 'staff', id: staffId, label: target.username } })
    })
  } catch (error) {
    if (error instanceof LastAdmin) return { ok: false, error: `${target.username} is the last active administrator and cannot be disabled. Make someone else an administrator first.` }
    throw error
  }
  return { ok: true }
}
