// Pure: which enrollment reminders are due for one invitation.
const DAY_MS = 86_400_000

export type ReminderInvitation = {
  createdAt: Date
  expiresAt: Date
  usedAt: Date | null
  revokedAt: Date | null
  lockedAt: Date | null
}

/**
 * The policy's offsets (days after the invitation) due now and not yet
 * recorded for this invitation, ascending. Nothing is due before the first
 * offset, for a link that was used (enrolled), revoked, locked or has
 * expired, or for an offset that falls after the link's expiry. The caller
 * sends one email for the latest of them and records them all, so a worker
 * that was stopped for days does not send two reminders at once.
 */
export function dueReminderOffsets({ invitation, offsets, recorded, now }: { invitation: ReminderInvitation; offsets: readonly number[]; recorded: readonly number[]; now: Date }): number[] {
  const { createdAt, expiresAt, usedAt, revokedAt, lockedAt } = invitation
  if (usedAt || revokedAt || lockedAt || expiresAt.getTime() <= now.getTime()) return []
  return [...new Set(offsets)]
    .sort((a, b) => a - b)
    .filter((days) => {
      const at = createdAt.getTime() + days * DAY_MS
      return at <= now.getTime() && at < expiresAt.getTime() && !recorded.includes(days)
    })
}

/** Whole days between the invitation and now, for the email ("2 days ago"). */
export function daysSince(createdAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - createdAt.getTime()) / DAY_MS))
}
