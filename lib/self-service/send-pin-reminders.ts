import 'server-only'
import { auditEventData, SYSTEM_ACTOR } from '@/lib/audit'
import { getConfig } from '@/lib/config'
import { getDb } from '@/lib/db'
import { brandFromSettings, queueEmail } from '@/lib/mail'
import { pinExpiresAt, pinReminderDueAt } from '@/lib/policy'
import { getSettings } from '@/lib/settings'

/**
 * "Your PIN expires soon" emails, once per PIN (Settings.pinReminderDays
 * before Settings.pinMaxAgeDays), in batches; run by the background jobs.
 * Each token is marked in the transaction that queues its email, so two
 * servers never send one twice. Returns how many went out.
 */
export async function sendPinReminders({ now = new Date(), batch = 200 }: { now?: Date; batch?: number } = {}): Promise<number> {
  const settings = await getSettings()
  if (!settings.pinMaxAgeDays) return 0
  // Tokens whose reminder is due: PIN set before this moment, minus the period before the reminder.
  const setBefore = new Date(now.getTime() - (settings.pinMaxAgeDays - settings.pinReminderDays) * 86_400_000)
  const db = getDb()
  const due = await db.token.findMany({
    where: { status: 'ACTIVE', pinHash: { not: null }, pinSetAt: { lte: setBefore }, pinReminderSentAt: null, user: { status: 'ACTIVE' } },
    select: { id: true, name: true, serial: true, pinSetAt: true, user: { select: { id: true, username: true, email: true, displayName: true } } },
    take: batch,
  })
  const brand = brandFromSettings(settings)
  let sent = 0
  for (const token of due) {
    const user = token.user
    if (!user) continue
    const expiresAt = pinExpiresAt({ pinSetAt: token.pinSetAt!, settings })!
    if (pinReminderDueAt({ pinSetAt: token.pinSetAt!, settings })! > now) continue
    const queued = await db.$transaction(async (tx) => {
      const { count } = await tx.token.updateMany({ where: { id: token.id, pinReminderSentAt: null, pinSetAt: token.pinSetAt }, data: { pinReminderSentAt: now } })
      if (count !== 1) return false
      await queueEmail({ tx, actor: SYSTEM_ACTOR, to: user.email, template: 'pin-expiring', brand, props: { name: user.displayName ?? user.username, tokenName: token.name ?? token.serial, expiresAt, portalUrl: `${getConfig().appUrl}/tokens` } })
      await tx.auditEvent.create({ data: auditEventData({ action: 'pin.expiry-reminded', actor: SYSTEM_ACTOR, subject: { type: 'token', id: token.id, label: token.serial }, details: { expiresAt: expiresAt.toISOString() } }) })
      return true
    })
    if (queued) sent++
  }
  return sent
}
