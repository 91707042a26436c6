// Pure: when a PIN expires and when its reminder is due (Settings.pinMaxAgeDays,
// Settings.pinReminderDays). Seed 000's rules ask users to change their PIN
// every 90 days; the portal reminds them two weeks ahead.

type PinAgePolicy = { pinMaxAgeDays: number | null; pinReminderDays: number }

const DAY = 86_400_000

/** When a PIN set at `pinSetAt` expires; null when PINs never expire. */
export function pinExpiresAt({ pinSetAt, settings }: { pinSetAt: Date; settings: PinAgePolicy }): Date | null {
  return settings.pinMaxAgeDays && settings.pinMaxAgeDays > 0 ? new Date(pinSetAt.getTime() + settings.pinMaxAgeDays * DAY) : null
}

export function isPinExpired({ pinSetAt, settings, now }: { pinSetAt: Date | null; settings: PinAgePolicy; now: Date }): boolean {
  const at = pinSetAt ? pinExpiresAt({ pinSetAt, settings }) : null
  return at !== null && at <= now
}

/** When the "your PIN expires soon" email is due; null when PINs never expire. */
export function pinReminderDueAt({ pinSetAt, settings }: { pinSetAt: Date; settings: PinAgePolicy }): Date | null {
  const at = pinExpiresAt({ pinSetAt, settings })
  return at ? new Date(at.getTime() - Math.max(settings.pinReminderDays, 0) * DAY) : null
}
