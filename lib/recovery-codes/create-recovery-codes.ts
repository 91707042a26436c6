import 'server-only'
import { recordAuditEvent, type AuditActor, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { brandFromSettings, queueEmail } from '@/lib/mail'
import { getSettings } from '@/lib/settings'
import { formatRecoveryCode, generateRecoveryCode, hashRecoveryCode, RECOVERY_CODES_PER_BATCH } from './recovery-code'

/**
 * A new batch of recovery codes for a user, returned once to be shown,
 * downloaded or printed, and stored only as keyed hashes. Any earlier batch
 * is void from this moment. Audited, and the user is told by email.
 */
export async function createRecoveryCodes({
  user,
  actor,
  context,
  now = new Date(),
}: {
  user: { id: string; username: string; email: string; displayName: string | null }
  actor: AuditActor
  context?: AuditContext
  now?: Date
}): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES_PER_BATCH }, generateRecoveryCode)
  const settings = await getSettings()
  await getDb().$transaction(async (tx) => {
    const voided = await tx.recoveryCode.deleteMany({ where: { userId: user.id } })
    await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId: user.id, codeHash: hashRecoveryCode({ userId: user.id, code }), createdAt: now })) })
    await recordAuditEvent({ tx, action: 'recovery-codes.created', actor, context, subject: { type: 'user', id: user.id, label: user.username }, details: { count: codes.length, voided: voided.count } })
    await queueEmail({
      tx,
      actor,
      to: user.email,
      template: 'recovery-codes-changed',
      brand: brandFromSettings(settings),
      props: { name: user.displayName ?? user.username, at: now, change: 'created', count: codes.length },
    })
  })
  return codes.map(formatRecoveryCode)
}
