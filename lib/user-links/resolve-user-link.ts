import 'server-only'
import type { UserLinkPurpose } from '@/generated/prisma/client'
import { keyedHash } from '@/lib/crypto'
import { getDb } from '@/lib/db'

export type UserLinkState = 'valid' | 'expired' | 'used' | 'locked' | 'unknown'

export type ResolvedUserLink = {
  state: UserLinkState
  link?: { id: string; expiresAt: Date; failedAttempts: number; createdBy: string | null }
  user?: { id: string; username: string; email: string; displayName: string | null }
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/
/** A PIN-reset link locks after this many wrong codes. */
export const USER_LINK_MAX_FAILURES = 5

/**
 * What an emailed link refers to, judged now. Looked up by keyed hash; a
 * link of another purpose, or for a disabled account, is unknown. A GET
 * of the page only resolves it: using it is the POST that acts.
 */
export async function resolveUserLink({ token, purpose, now = new Date() }: { token: string; purpose: UserLinkPurpose; now?: Date }): Promise<ResolvedUserLink> {
  if (!TOKEN_SHAPE.test(token)) return { state: 'unknown' }
  const row = await getDb().userLink.findUnique({
    where: { tokenHash: keyedHash({ purpose: 'user-link', value: token }) },
    include: { user: { select: { id: true, username: true, email: true, displayName: true, status: true } } },
  })
  if (!row || row.purpose !== purpose || row.user.status !== 'ACTIVE') return { state: 'unknown' }
  const found = {
    link: { id: row.id, expiresAt: row.expiresAt, failedAttempts: row.failedAttempts, createdBy: row.createdBy },
    user: { id: row.user.id, username: row.user.username, email: row.user.email, displayName: row.user.displayName },
  }
  if (row.usedAt) return { state: 'used', ...found }
  if (row.failedAttempts >= USER_LINK_MAX_FAILURES) return { state: 'locked', ...found }
  if (row.expiresAt <= now) return { state: 'expired', ...found }
  return { state: 'valid', ...found }
}
