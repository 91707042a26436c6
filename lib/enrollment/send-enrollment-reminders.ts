import 'server-only'
import { Prisma } from '@/generated/prisma/client'
import { auditEventData, type AuditActor } from '@/lib/audit'
import { generateUrlToken, keyedHash } from '@/lib/crypto'
import { getDb } from '@/lib/db'
import { brandFromSettings, queueEmail } from '@/lib/mail'
import { dayListOf, getSettings } from '@/lib/settings'
import { enrollmentLink } from './create-invitation'
import { daysSince, dueReminderOffsets } from './reminder-schedule'

export const REMINDER_ACTOR: AuditActor = { type: 'SYSTEM', label: 'enrollment reminders' }
const DAY_MS = 86_400_000
const PAGE = 200

export type ReminderReport = { sent: number; freshLinks: number; skipped: number }

/** Thrown inside a reminder's transaction to roll it back quietly. */
class Skip extends Error {}

/**
 * Emails everyone who has not finished enrolling the reminders the policy
 * (Settings.enrollmentReminderDays) says are due at `now`: one email per
 * invitation and offset, never twice. Each is sent in one transaction that
 * inserts its EnrollmentReminder rows (the unique key is what keeps a second
 * worker from sending it again), rotates the link when the holder has not
 * pressed Start, queues the email in the outbox and audits it.
 *
 * Only each person's newest live invitation counts, and only people without
 * an active token and not disabled: someone already enrolled is not nagged.
 * The link still expires when the invitation says: a reminder never extends it.
 */
export async function sendEnrollmentReminders({ now = new Date(), actor = REMINDER_ACTOR }: { now?: Date; actor?: AuditActor } = {}): Promise<ReminderReport> {
  const report: ReminderReport = { sent: 0, freshLinks: 0, skipped: 0 }
  const settings = await getSettings()
  const offsets = dayListOf(settings.enrollmentReminderDays)
  if (offsets.length === 0) return report
  const db = getDb()
  const brand = brandFromSettings(settings)
  const createdBefore = new Date(now.getTime() - offsets[0]! * DAY_MS)

  let cursor: string | undefined
  for (;;) {
    const page = await db.enrollmentInvitation.findMany({
      where: {
        usedAt: null,
        revokedAt: null,
        lockedAt: null,
        expiresAt: { gt: now },
        createdAt: { lte: createdBefore },
        user: { status: 'ACTIVE', tokens: { none: { status: 'ACTIVE' } } },
      },
      orderBy: { id: 'asc' },
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: {
        id: true,
        userId: true,
        createdAt: true,
        expiresAt: true,
        usedAt: true,
        revokedAt: true,
        lockedAt: true,
        browserHash: true,
        reminders: { select: { offsetDays: true } },
        user: { select: { username: true, email: true, displayName: true, invitations: { where: { revokedAt: null, usedAt: null }, orderBy: { createdAt: 'desc' }, take: 1, select: { id: true } } } },
      },
    })
    if (page.length === 0) break
    cursor = page[page.length - 1]!.id

    for (const invitation of page) {
      // A person with several live links (self-requests) hears once, about the newest.
      if (invitation.user.invitations[0]?.id !== invitation.id) continue
      const due = dueReminderOffsets({ invitation, offsets, recorded: invitation.reminders.map((r) => r.offsetDays), now })
      if (due.length === 0) continue
      const latest = due[due.length - 1]!
      try {
        const fresh = await db.$transaction(async (tx) => {
          // First: the unique rows. A second worker fails here and sends nothing.
          await tx.enrollmentReminder.createMany({ data: due.map((offsetDays) => ({ invitationId: invitation.id, offsetDays, sentAt: now, emailed: offsetDays === latest })) })
          const live = { id: invitation.id, usedAt: null, revokedAt: null, lockedAt: null, expiresAt: { gt: now } }
          let link: string | null = null
          // Not started: a fresh link replaces the old one (only its keyed hash is stored).
          const token = generateUrlToken()
          const rotated = await tx.enrollmentInvitation.updateMany({ where: { ...live, browserHash: null }, data: { tokenHash: keyedHash({ purpose: 'link-token', value: token }) } })
          if (rotated.count === 1) link = enrollmentLink(token)
          else if ((await tx.enrollmentInvitation.count({ where: live })) === 0) throw new Skip()
          const user = invitation.user
          await queueEmail({
            tx,
            actor,
            to: user.email,
            template: 'enrollment-reminder',
            brand,
            props: { name: user.displayName ?? user.username, link, expiresAt: invitation.expiresAt, daysSinceInvited: daysSince(invitation.createdAt, now) },
          })
          await tx.auditEvent.create({
            data: auditEventData({
              action: 'enrollment.reminder-sent',
              actor,
              subject: { type: 'user', id: invitation.userId, label: user.username },
              details: { invitationId: invitation.id, offsetDays: latest, passedOver: due.slice(0, -1).join(',') || null, freshLink: link !== null, expiresAt: invitation.expiresAt.toISOString() },
            }),
          })
          return link !== null
        })
        report.sent++
        if (fresh) report.freshLinks++
      } catch (error) {
        const duplicate = error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'
        if (!(error instanceof Skip) && !duplicate) throw error
        report.skipped++
      }
    }
    if (page.length < PAGE) break
  }
  return report
}
