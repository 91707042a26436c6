// Pure: the dashboard counts by UTC calendar day (timestamps are stored in UTC,
// ARCHITECTURE "Data rules"), whatever the server's or the reader's time zone.

const DAY = 86_400_000

/** "YYYY-MM-DD" of the UTC day holding `at`. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10)
}

/** The last `count` UTC days, oldest first, ending with the day holding `now`. */
export function lastUtcDays({ count, now }: { count: number; now: Date }): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  return Array.from({ length: count }, (_, i) => utcDay(new Date(today - (count - 1 - i) * DAY)))
}

/** Midnight UTC at the start of a "YYYY-MM-DD" day. */
export function startOfUtcDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`)
}
