import { z } from 'zod'
import type { Prisma } from '@/generated/prisma/client'
import { ZGroupName } from './schemas'

export const USER_STATES = ['enrolled', 'invited', 'pending', 'never-invited', 'locked', 'disabled'] as const
export type TUserState = (typeof USER_STATES)[number]

export const USER_STATE_LABELS: Record<TUserState, string> = {
  enrolled: 'Enrolled (an active token)',
  invited: 'Invited (a live link, not enrolled yet)',
  pending: 'Pending (no token, no live link)',
  'never-invited': 'Never invited',
  locked: 'Locked (a token locked now)',
  disabled: 'Disabled',
}

/** The users list's filter, from a query string: an unknown state or an empty group means "any". */
export const ZUserFilter = z.object({
  state: z.enum(USER_STATES).optional().catch(undefined),
  group: z
    .string()
    .optional()
    .transform((g) => (g && g.trim() ? g : undefined))
    .pipe(ZGroupName.optional())
    .catch(undefined),
})
export type TUserFilter = z.infer<typeof ZUserFilter>

/** A stable text for a filter: the key of "one job per selection" and the query string of links. */
export function userFilterKey(filter: TUserFilter): string {
  return `state=${filter.state ?? ''};group=${filter.group ?? ''}`
}

/** Said to people: "pending users in group sales", "all users". */
export function describeUserFilter(filter: TUserFilter): string {
  const who = filter.state ? `${filter.state.replace('-', ' ')} users` : 'all users'
  return filter.group ? `${who} in group ${filter.group}` : who
}

/**
 * The filter as a Prisma condition. Every state but "disabled" counts
 * active accounts only. "Pending" is exactly whom `portal invite
 * --all-pending` invites: no active token and no live invitation. Each
 * condition is an EXISTS on an indexed column (Token userId+status,
 * EnrollmentInvitation userId), so a page stays fast at 100,000 users.
 */
export function userFilterWhere(filter: TUserFilter, now: Date): Prisma.UserWhereInput {
  const live = { usedAt: null, revokedAt: null, lockedAt: null, expiresAt: { gt: now } }
  const noToken = { tokens: { none: { status: 'ACTIVE' as const } } }
  const byState: Record<TUserState, Prisma.UserWhereInput> = {
    enrolled: { status: 'ACTIVE', tokens: { some: { status: 'ACTIVE' } } },
    invited: { status: 'ACTIVE', ...noToken, invitations: { some: live } },
    pending: { status: 'ACTIVE', ...noToken, invitations: { none: live } },
    'never-invited': { status: 'ACTIVE', ...noToken, invitations: { none: {} } },
    locked: { status: 'ACTIVE', tokens: { some: { status: 'ACTIVE', lockedAt: { not: null }, OR: [{ lockedUntil: null }, { lockedUntil: { gt: now } }] } } },
    disabled: { status: 'DISABLED' },
  }
  return {
    ...(filter.state ? byState[filter.state] : {}),
    ...(filter.group ? { groups: { some: { name: filter.group } } } : {}),
  }
}
