import 'server-only'
import { auditEventData, type AuditActor, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { brandFromSettings, queueEmail } from '@/lib/mail'
import { getSettings } from '@/lib/settings'
import { generateTemporaryPasscode, hashTemporaryPasscode } from './temporary-passcode'

/**
 * A passcode for someone whose token is out of reach (seed 000: "left it at
 * home"). Random, stored only as a keyed hash, valid for `hours` (by default
 * Settings.tempPasscodeHours, at most Settings.tempPasscodeMaxHours), single-use unless asked otherwise. Any earlier live one for
 * the user is revoked: there is only ever one. The passcode is returned once;
 * the user is told by email that one exists (never the passcode itself).
 */
export async function issueTemporaryPasscode({
  userId,
  hours,
  singleUse = true,
  reason,
  actor,
  context,
  now = new Date(),
}: {
  userId: string
  hours?: number
  singleUse?: boolean
  /** Why (the helpdesk's required reason), for the audit log. */
  reason?: string
  actor: AuditActor
  context?: AuditContext
  now?: Date
}): Promise<{ id: string; passcode: string; expiresAt: Date; singleUse: boolean }> {
  const settings = await getSettings()
  const validHours = hours ?? settings.tempPasscodeHours
  if (!Number.isInteger(validHours) || validHours < 1 || validHours > settings.tempPasscodeMaxHours) {
    throw new AppError('INVALID_INPUT', `A temporary passcode lasts 1 to ${settings.tempPasscodeMaxHours} whole hours`)
  }
  const db = getDb()
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, username: true, email: true, displayName: true, status: true } })
  if (!user) throw new AppError('NOT_FOUND', 'No such user')
  if (user.status !== 'ACTIVE') throw new AppError('CONFLICT', `${user.username} is disabled; enable the account first`)

  const passcode = generateTemporaryPasscode()
  const expiresAt = new Date(now.getTime() + validHours * 3600_000)
  const created = await db.$transaction(async (tx) => {
    await tx.temporaryPasscode.updateMany({ where: { userId, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now } })
    const row = await tx.temporaryPasscode.create({
      data: { userId, codeHash: hashTemporaryPasscode({ userId, passcode }), expiresAt, singleUse, createdBy: actor.label ?? null, createdAt: now },
    })
    await tx.auditEvent.create({
      data: auditEventData({
        action: 'temp-passcode.issued',
        actor,
        context,
        subject: { type: 'user', id: user.id, label: user.username },
        details: { temporaryPasscodeId: row.id, hours: validHours, singleUse, ...(reason ? { reason } : {}) },
      }),
    })
    await queueEmail({ tx, actor, to: user.email, template: 'temporary-passcode-issued', brand: brandFromSettings(settings), props: { name: user.displayName ?? user.username, expiresAt, singleUse } })
    return row
  })
  return { id: created.id, passcode, expiresAt, singleUse }
}
