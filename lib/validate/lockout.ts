// Pure: lockout arithmetic, shared by validation and its tests.

export type LockPolicy = {
  lockoutThreshold: number
  /** The first lock's length in minutes; null or 0: locks hold until staff unlock them. */
  autoUnlockMinutes: number | null
  /** No lock lasts longer than this, however many came before it. */
  autoUnlockMaxMinutes: number
}

/** A lock is in force until it lifts by itself (lockedUntil) or, without a time, until staff unlock it. */
export function isLockActive({ lockedAt, lockedUntil, now }: { lockedAt: Date | null; lockedUntil: Date | null; now: Date }): boolean {
  return lockedAt !== null && (lockedUntil === null || lockedUntil > now)
}

/** Whether this failure (the count after it) reaches the threshold. Never below 1: a threshold of 0 would lock on sight. */
export function reachesLockout(failedAttempts: number, policy: LockPolicy): boolean {
  return failedAttempts >= Math.max(policy.lockoutThreshold, 1)
}

/**
 * When a new lock lifts: the policy's first length, doubled for each lock
 * since the last successful sign-in (`earlierLocks`), capped at the maximum.
 * A stranger who keeps guessing keeps the user out for at most the maximum
 * at a time, and gets ten guesses per lock, ever more slowly. Null: "staff
 * unlock only".
 */
export function lockLiftsAt({ earlierLocks, policy, now }: { earlierLocks: number; policy: LockPolicy; now: Date }): Date | null {
  const first = policy.autoUnlockMinutes
  if (!first || first <= 0) return null
  const minutes = Math.min(first * 2 ** Math.min(Math.max(earlierLocks, 0), 30), Math.max(policy.autoUnlockMaxMinutes, first))
  return new Date(now.getTime() + minutes * 60_000)
}
