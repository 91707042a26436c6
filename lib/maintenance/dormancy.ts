// Pure: when a token counts as dormant, when its owner is warned and when
// the policy's action is due. No database, so the rules are tested with
// plain dates (docs/decisions/020).

const DAY_MS = 86_400_000

export type DormantPolicy = { afterDays: number; warnDays: number; action: 'DISABLE' | 'DELETE' }

/** The policy from the settings record, or null when dormancy is off (dormantAfterDays null). */
export function dormantPolicyOf(settings: { dormantAfterDays: number | null; dormantWarnDays: number; dormantAction: string }): DormantPolicy | null {
  if (!settings.dormantAfterDays || settings.dormantAfterDays <= 0) return null
  // getSettings has already bounded both; keep the warning strictly inside the period anyway.
  const warnDays = Math.max(0, Math.min(settings.dormantWarnDays, settings.dormantAfterDays - 1))
  return { afterDays: settings.dormantAfterDays, warnDays, action: settings.dormantAction === 'DELETE' ? 'DELETE' : 'DISABLE' }
}

export type TokenActivity = { lastUsedAt: Date | null; activatedAt: Date | null; statusChangedAt: Date }

/**
 * The last sign of life: the latest of its last use, its activation and the
 * moment it (re)became active. A never-used token counts from its
 * activation; one the helpdesk enabled again counts from then; a hardware
 * token's previous holder's use never counts against the next holder.
 */
export function lastActivityOf(token: TokenActivity): Date {
  const times = [token.lastUsedAt, token.activatedAt, token.statusChangedAt].filter((d): d is Date => d !== null).map((d) => d.getTime())
  return new Date(Math.max(...times))
}

/** Tokens whose last activity is at or before this moment are due a warning (or already have one). */
export function warnCutoff(policy: DormantPolicy, now: Date): Date {
  return new Date(now.getTime() - (policy.afterDays - policy.warnDays) * DAY_MS)
}

export type DormantDecision = { step: 'warn' | 'act' | 'wait' | 'none'; actionAt: Date }

/**
 * What to do with one active token now. It is warned once its owner has
 * `warnDays` left; the action is due when it has been unused for
 * `afterDays` AND the warning is at least `warnDays` old, so every owner
 * gets the full notice even when the policy was switched on late. A
 * warning counts only if nothing happened on the token after it: a use
 * resets it.
 */
export function decideDormant({ policy, token, warnedAt, now }: { policy: DormantPolicy; token: TokenActivity; warnedAt: Date | null; now: Date }): DormantDecision {
  const activity = lastActivityOf(token).getTime()
  const dormantAt = activity + policy.afterDays * DAY_MS
  const warned = warnedAt !== null && warnedAt.getTime() >= activity
  if (!warned) {
    if (activity > warnCutoff(policy, now).getTime()) return { step: 'none', actionAt: new Date(dormantAt) }
    return { step: 'warn', actionAt: new Date(Math.max(dormantAt, now.getTime() + policy.warnDays * DAY_MS)) }
  }
  const actionAt = Math.max(dormantAt, warnedAt.getTime() + policy.warnDays * DAY_MS)
  return { step: now.getTime() >= actionAt ? 'act' : 'wait', actionAt: new Date(actionAt) }
}
