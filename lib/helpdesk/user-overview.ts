import 'server-only'
import type { TokenOrigin, TokenStatus, TokenType } from '@/generated/prisma/client'
import { getDb } from '@/lib/db'
import { isPinExpired, pinExpiresAt } from '@/lib/policy'
import { getSettings } from '@/lib/settings'
import { isLockActive } from '@/lib/validate'

export type InvitationState = 'used' | 'revoked' | 'locked' | 'expired' | 'opened' | 'sent'

export type OverviewToken = {
  id: string
  serial: string
  name: string
  type: TokenType
  origin: TokenOrigin
  status: TokenStatus
  failedAttempts: number
  /** In force now: since when, and until when (null: until staff unlock it). */
  lock: { since: Date; until: Date | null } | null
  pin: { setAt: Date | null; ageDays: number | null; expiresAt: Date | null; state: 'ok' | 'expired' | 'not-set' }
  lastUsedAt: Date | null
  enrolledAt: Date | null
  createdAt: Date
}

export type UserOverview = {
  user: { id: string; username: string; email: string; displayName: string | null; status: 'ACTIVE' | 'DISABLED'; groups: string[]; createdAt: Date }
  tokens: OverviewToken[]
  invitations: { id: string; state: InvitationState; createdAt: Date; createdBy: string | null; expiresAt: Date; openedAt: Date | null; usedAt: Date | null; revokedReason: string | null; selfRequested: boolean }[]
  temporaryPasscode: { id: string; expiresAt: Date; singleUse: boolean; useCount: number; createdBy: string | null; createdAt: Date } | null
  recentEvents: { id: string; at: Date; action: string; actorLabel: string | null; actorType: string; subjectLabel: string | null; ip: string | null; details: Record<string, unknown> | null }[]
}

// Current tokens first, history after; inventory tokens are not anyone's.
const STATUS_ORDER: TokenStatus[] = ['ACTIVE', 'DISABLED', 'LOST', 'PENDING', 'ASSIGNED', 'REVOKED']
const RECENT_EVENTS = 15
const RECENT_INVITATIONS = 10

function invitationState(i: { usedAt: Date | null; revokedAt: Date | null; lockedAt: Date | null; expiresAt: Date; openedAt: Date | null }, now: Date): InvitationState {
  if (i.usedAt) return 'used'
  if (i.revokedAt) return 'revoked'
  if (i.lockedAt) return 'locked'
  if (i.expiresAt <= now) return 'expired'
  return i.openedAt ? 'opened' : 'sent'
}

function parseDetails(details: string | null): Record<string, unknown> | null {
  if (!details) return null
  try {
    const value: unknown = JSON.parse(details)
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/**
 * Everything the helpdesk needs on one page about one user: profile, tokens
 * (status, failures and lock, PIN age, last use), invitations, a live
 * temporary passcode, and the recent audit events about the user or any of
 * their tokens. Null for an unknown id. Never a secret.
 */
export async function getUserOverview({ userId, now = new Date() }: { userId: string; now?: Date }): Promise<UserOverview | null> {
  const db = getDb()
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, username: true, email: true, displayName: true, status: true, createdAt: true, groups: { select: { name: true }, orderBy: { name: 'asc' } } },
  })
  if (!user) return null
  const [settings, tokens, invitations, passcodes] = await Promise.all([
    getSettings(),
    db.token.findMany({
      where: { userId, status: { in: STATUS_ORDER } },
      orderBy: { createdAt: 'desc' },
      select: { id: true, serial: true, name: true, type: true, origin: true, status: true, failedAttempts: true, lockedAt: true, lockedUntil: true, pinHash: true, pinSetAt: true, lastUsedAt: true, activatedAt: true, createdAt: true },
    }),
    db.enrollmentInvitation.findMany({
      where: { userId },
      orderBy: { createdAt: 'desc' },
      take: RECENT_INVITATIONS,
      select: { id: true, createdAt: true, createdBy: true, expiresAt: true, openedAt: true, usedAt: true, revokedAt: true, revokedReason: true, lockedAt: true, selfRequested: true },
    }),
    db.temporaryPasscode.findMany({ where: { userId, revokedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: 'desc' }, take: 1 }),
  ])
  // Two index range scans (subjectType, subjectId, at), merged: the user's own events and their tokens'.
  const [userEvents, tokenEvents] = await Promise.all([
    db.auditEvent.findMany({ where: { subjectType: 'user', subjectId: userId }, orderBy: { at: 'desc' }, take: RECENT_EVENTS }),
    tokens.length ? db.auditEvent.findMany({ where: { subjectType: 'token', subjectId: { in: tokens.map((t) => t.id) } }, orderBy: { at: 'desc' }, take: RECENT_EVENTS }) : Promise.resolve([]),
  ])
  const events = [...userEvents, ...tokenEvents].sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1)).slice(0, RECENT_EVENTS)
  const live = passcodes.find((p) => !(p.singleUse && p.useCount > 0)) ?? null

  return {
    user: { id: user.id, username: user.username, email: user.email, displayName: user.displayName, status: user.status, groups: user.groups.map((g) => g.name), createdAt: user.createdAt },
    tokens: tokens
      .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status))
      .map((t) => ({
        id: t.id,
        serial: t.serial,
        name: t.name ?? t.serial,
        type: t.type,
        origin: t.origin,
        status: t.status,
        failedAttempts: t.failedAttempts,
        lock: t.lockedAt && isLockActive({ lockedAt: t.lockedAt, lockedUntil: t.lockedUntil, now }) ? { since: t.lockedAt, until: t.lockedUntil } : null,
        pin: {
          setAt: t.pinHash ? t.pinSetAt : null,
          ageDays: t.pinHash && t.pinSetAt ? Math.floor((now.getTime() - t.pinSetAt.getTime()) / 86_400_000) : null,
          expiresAt: t.pinHash && t.pinSetAt ? pinExpiresAt({ pinSetAt: t.pinSetAt, settings }) : null,
          state: !t.pinHash ? 'not-set' : isPinExpired({ pinSetAt: t.pinSetAt, settings, now }) ? 'expired' : 'ok',
        },
        lastUsedAt: t.lastUsedAt,
        enrolledAt: t.activatedAt,
        createdAt: t.createdAt,
      })),
    invitations: invitations.map((i) => ({ id: i.id, state: invitationState(i, now), createdAt: i.createdAt, createdBy: i.createdBy, expiresAt: i.expiresAt, openedAt: i.openedAt, usedAt: i.usedAt, revokedReason: i.revokedReason, selfRequested: i.selfRequested })),
    temporaryPasscode: live ? { id: live.id, expiresAt: live.expiresAt, singleUse: live.singleUse, useCount: live.useCount, createdBy: live.createdBy, createdAt: live.createdAt } : null,
    recentEvents: events.map((e) => ({ id: e.id, at: e.at, action: e.action, actorLabel: e.actorLabel, actorType: e.actorType, subjectLabel: e.subjectLabel, ip: e.ip, details: parseDetails(e.details) })),
  }
}
