import 'server-only'
import type { StaffLinkPurpose, StaffRole } from '@/generated/prisma/client'
import { keyedHash, verifyKeyedHash } from '@/lib/crypto'
import { getDb } from '@/lib/db'
import { hasActiveAdmin } from './issue-first-admin-link'

export type StaffLinkState = 'valid' | 'expired' | 'used' | 'locked' | 'unknown'

export type ResolvedStaffLink = {
  state: StaffLinkState
  link?: { id: string; purpose: StaffLinkPurpose; expiresAt: Date; failedAttempts: number; browserHash: string | null; openedAt: Date | null }
  staff?: { id: string; username: string; email: string; displayName: string | null; role: StaffRole; activatedAt: Date | null; totpSecretCiphertext: string | null; totpSecretKeyId: string | null }
}

/** Set-up: the cookie holding this browser's proof that it chose the password (scoped to the link's path). */
export const STAFF_SETUP_COOKIE = 'portal-staff-setup'

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/
/** The authenticator step locks the link after this many wrong codes. */
export const STAFF_LINK_MAX_FAILURES = 5

/**
 * What a set-up link refers to, judged now. Looked up by keyed hash. A GET
 * of its page only resolves it: the POSTs act. A first-administrator link
 * counts as used once any administrator exists.
 */
export async function resolveStaffLink({ token, now = new Date() }: { token: string; now?: Date }): Promise<ResolvedStaffLink> {
  if (!TOKEN_SHAPE.test(token)) return { state: 'unknown' }
  const row = await getDb().staffLink.findUnique({
    where: { tokenHash: keyedHash({ purpose: 'staff-link', value: token }) },
    include: { staffUser: { select: { id: true, username: true, email: true, displayName: true, role: true, activatedAt: true, disabledAt: true, totpSecretCiphertext: true, totpSecretKeyId: true } } },
  })
  if (!row || row.staffUser?.disabledAt) return { state: 'unknown' }
  const { staffUser, ...link } = row
  const found = {
    link: { id: link.id, purpose: link.purpose, expiresAt: link.expiresAt, failedAttempts: link.failedAttempts, browserHash: link.browserHash, openedAt: link.openedAt },
    staff: staffUser ? { ...staffUser, disabledAt: undefined } : undefined,
  }
  if (link.usedAt || staffUser?.activatedAt) return { state: 'used', ...found }
  if (link.purpose === 'FIRST_ADMIN' && (await hasActiveAdmin())) return { state: 'used', ...found }
  if (link.failedAttempts >= STAFF_LINK_MAX_FAILURES) return { state: 'locked', ...found }
  if (link.expiresAt <= now) return { state: 'expired', ...found }
  return { state: 'valid', ...found }
}

/** Whether this browser is the one that chose the password (its cookie's value against the stored hash). */
export function isSetupBrowser({ browserHash, browser }: { browserHash: string | null; browser: string | null }): boolean {
  return !!browserHash && !!browser && verifyKeyedHash({ purpose: 'browser-binding', value: browser, hash: browserHash })
}
