// Pure: lockout arithmetic, shared by validation and its tests.

export type LockPolicy = { lockoutThreshold: number; autoUnlockMinutes: number | null }

/** A lock holds until staff unlock it, or until the policy's auto-unlock delay has passed. */
export function isLockActive({ lockedAt, policy, now }: { lockedAt: Date | null; policy: LockPolicy; now: Date }): boolean {
  if (!lockedAt) return false
  if (policy.autoUnlockMinutes == null || policy.autoUnlockMinutes <= 0) return true
  return now.getTime() - lockedAt.getTime() < policy.autoUnlockMinutes * 60_000
}

/** Whether this failure (the count after it) reaches the threshold. Never below 1: a threshold of 0 would lock on sight. */
export function reachesLockout(failedAttempts: number, policy: LockPolicy): boolean {
  return failedAttempts >= Math.max(policy.lockoutThreshold, 1)
}
