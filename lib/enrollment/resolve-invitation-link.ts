import 'server-only'
import { keyedHash } from '@/lib/crypto'
import { getDb } from '@/lib/db'
import { isBoundBrowser } from './browser-binding'

export type LinkState = 'valid' | 'expired' | 'used' | 'revoked' | 'locked' | 'unknown'

export type EnrollmentToken = {
  id: string
  serial: string
  type: 'TOTP' | 'HOTP'
  status: string
  name: string | null
  digits: number
  period: number
  verifiedAt: Date | null
  activatedAt: Date | null
}

export type ResolvedLink = {
  state: LinkState
  invitation?: {
    id: string
    expiresAt: Date
    openedAt: Date | null
    failedVerifications: number
    usedAt: Date | null
    selfRequested: boolean
    replacesTokenId: string | null
  }
  user?: { id: string; username: string; displayName: string | null; email: string }
  /** The token this link's enrollment created, once the person pressed Start. */
  token?: EnrollmentToken | null
  /** Whether the browser asking is the one that pressed Start (lib/enrollment/browser-binding). */
  bound?: boolean
  /** The user's working tokens, which completing this enrollment may replace. */
  activeTokens?: { id: string; name: string | null; serial: string; lockedAt: Date | null; lockedUntil: Date | null }[]
}

// generateUrlToken's output: 32 bytes as base64url. Anything else is not ours,
// and is answered without a database lookup.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/

/**
 * What a link token refers to, judged now: expiry is checked at use, not
 * only when the link was made. The token is compared by its keyed hash; the
 * invitation row names exactly one user, so a link can only ever act for the
 * person it was sent to.
 */
export async function resolveInvitationLink({
  token,
  browser,
  now = new Date(),
}: {
  token: string
  /** The value of this browser's enrollment cookie, if it sent one. */
  browser?: string | null
  now?: Date
}): Promise<ResolvedLink> {
  if (!TOKEN_SHAPE.test(token)) return { state: 'unknown' }
  const invitation = await getDb().enrollmentInvitation.findUnique({
    where: { tokenHash: keyedHash({ purpose: 'link-token', value: token }) },
    include: {
      user: {
        select: {
          id: true,
          username: true,
          displayName: true,
          email: true,
          status: true,
          tokens: { where: { status: 'ACTIVE' }, select: { id: true, name: true, serial: true, lockedAt: true, lockedUntil: true }, orderBy: { activatedAt: 'asc' } },
        },
      },
      token: {
        select: { id: true, serial: true, type: true, status: true, name: true, digits: true, period: true, verifiedAt: true, activatedAt: true },
      },
    },
  })
  if (!invitation) return { state: 'unknown' }
  const found = {
    invitation: {
      id: invitation.id,
      expiresAt: invitation.expiresAt,
      openedAt: invitation.openedAt,
      failedVerifications: invitation.failedVerifications,
      usedAt: invitation.usedAt,
      selfRequested: invitation.selfRequested,
      replacesTokenId: invitation.replacesTokenId,
    },
    user: { id: invitation.user.id, username: invitation.user.username, displayName: invitation.user.displayName, email: invitation.user.email },
    token: invitation.token,
    bound: isBoundBrowser({ browserHash: invitation.browserHash, value: browser }),
    activeTokens: invitation.user.tokens,
  }
  // Most specific first: a used link stays "used" after it would have expired.
  if (invitation.usedAt) return { state: 'used', ...found }
  if (invitation.lockedAt) return { state: 'locked', ...found }
  if (invitation.revokedAt || invitation.user.status !== 'ACTIVE') return { state: 'revoked', ...found }
  if (invitation.expiresAt <= now) return { state: 'expired', ...found }
  return { state: 'valid', ...found }
}
