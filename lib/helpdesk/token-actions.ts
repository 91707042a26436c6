import 'server-only'
import type { TokenStatus } from '@/generated/prisma/client'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import { endUserSessions, staffActor, type StaffSession } from '@/lib/auth'
import { getDb } from '@/lib/db'
import { brandFromSettings, queueEmail } from '@/lib/mail'
import { getSettings } from '@/lib/settings'
import { applyTokenStatus } from '@/lib/tokens'
import { createUserLink } from '@/lib/user-links'
import { isLockActive } from '@/lib/validate'
import { ZReason } from './schemas'

export type TokenActionName = 'reset-pin' | 'unlock' | 'disable' | 'enable' | 'lost' | 'revoke'

/**
 * What each action applies to, and whether it is sensitive (the staff
 * member must have proved password and code within the last 10 minutes).
 */
export const TOKEN_ACTIONS: Record<TokenActionName, { from: TokenStatus[]; sensitive: boolean; audit: string }> = {
  'reset-pin': { from: ['ACTIVE', 'DISABLED'], sensitive: true, audit: 'helpdesk.pin-reset' },
  unlock: { from: ['ACTIVE', 'DISABLED'], sensitive: false, audit: 'helpdesk.token-unlocked' },
  disable: { from: ['ACTIVE'], sensitive: false, audit: 'helpdesk.token-disabled' },
  enable: { from: ['DISABLED'], sensitive: false, audit: 'helpdesk.token-enabled' },
  lost: { from: ['ACTIVE', 'DISABLED'], sensitive: false, audit: 'helpdesk.token-lost' },
  revoke: { from: ['ACTIVE', 'DISABLED', 'LOST'], sensitive: true, audit: 'helpdesk.token-revoked' },
}

export const isTokenActionName = (value: string): value is TokenActionName => Object.hasOwn(TOKEN_ACTIONS, value)

/** Which actions a token in this state offers (the user page's buttons, and the server's check). */
export function tokenActionsFor(token: { status: TokenStatus; lock: unknown }): TokenActionName[] {
  return (Object.keys(TOKEN_ACTIONS) as TokenActionName[]).filter((name) => TOKEN_ACTIONS[name].from.includes(token.status) && (name !== 'unlock' || token.lock !== null))
}

export type HelpdeskResult = { ok: true } | { ok: false; notFound: true } | { ok: false; errors: { reason?: string[]; form?: string[] } }

const PAST: Record<TokenActionName, string> = { 'reset-pin': 'given a new PIN', unlock: 'unlocked', disable: 'disabled', enable: 'enabled', lost: 'marked lost', revoke: 'revoked' }
const STATUS_WORDS: Partial<Record<TokenStatus, string>> = { ACTIVE: 'active', DISABLED: 'disabled', LOST: 'reported lost', REVOKED: 'revoked', PENDING: 'not enrolled yet', ASSIGNED: 'assigned and not yet activated' }

/**
 * One helpdesk action on one of a user's tokens, with a required reason:
 * the change, an audit event in the staff member's name and the email that
 * tells the user, in one transaction. The token must be this user's (else
 * not found, nothing changes) and in a state the action applies to.
 *
 * - reset-pin: the PIN is cleared (the token stops working at once) and the
 *   user is emailed a "set a new PIN" link, where they prove possession with
 *   a code. The helpdesk never sees or sets the PIN. The user's portal
 *   sessions end.
 * - unlock: failures and lock history are cleared.
 * - disable / enable: the token stops or resumes working.
 * - lost: it stops working for good; the user's portal sessions end.
 * - revoke: software tokens are destroyed, hardware tokens are revoked with
 *   their seed kept, until an admin returns the device to inventory; the
 *   user's portal sessions end.
 */
export async function runTokenAction({
  session,
  userId,
  tokenId,
  action,
  reason: typedReason,
  context,
  now = new Date(),
}: {
  session: StaffSession
  userId: string
  tokenId: string
  action: TokenActionName
  reason: string
  context: AuditContext
  now?: Date
}): Promise<HelpdeskResult> {
  const db = getDb()
  const token = await db.token.findFirst({
    where: { id: tokenId, userId },
    select: { id: true, serial: true, name: true, origin: true, status: true, lockedAt: true, lockedUntil: true, user: { select: { id: true, username: true, email: true, displayName: true } } },
  })
  if (!token || !token.user) return { ok: false, notFound: true }
  const reason = ZReason.safeParse(typedReason)
  if (!reason.success) return { ok: false, errors: { reason: [reason.error.issues[0]!.message] } }
  const spec = TOKEN_ACTIONS[action]
  const lock = isLockActive({ lockedAt: token.lockedAt, lockedUntil: token.lockedUntil, now }) ? {} : null
  if (!tokenActionsFor({ status: token.status, lock }).includes(action)) {
    const problem = action === 'unlock' && spec.from.includes(token.status) ? 'This token is not locked.' : `This token is ${STATUS_WORDS[token.status] ?? token.status.toLowerCase()}, so it cannot be ${PAST[action]}.`
    return { ok: false, errors: { form: [problem] } }
  }

  const user = token.user
  const actor = staffActor(session)
  const settings = await getSettings()
  const brand = brandFromSettings(settings)
  const name = user.displayName ?? user.username
  const tokenName = token.name ?? token.serial
  const by = 'the helpdesk'
  const changed = await db.$transaction(async (tx) => {
    const guard = { id: token.id, userId, status: { in: spec.from } }
    switch (action) {
      case 'reset-pin': {
        const { count } = await tx.token.updateMany({ where: guard, data: { pinHash: null, pinSetAt: null, pinReminderSentAt: null } })
        if (count !== 1) return false
        await endUserSessions({ userId, reason: 'pin-reset', tx, now })
        await createUserLink({ tx, user, purpose: 'PIN_RESET', settings, actor, context, byHelpdesk: true, now })
        break
      }
      case 'unlock': {
        const { count } = await tx.token.updateMany({ where: { ...guard, lockedAt: { not: null } }, data: { failedAttempts: 0, lockedAt: null, lockedUntil: null, lockCount: 0 } })
        if (count !== 1) return false
        await queueEmail({ tx, actor, to: user.email, template: 'token-status-changed', brand, props: { name, tokenName, status: 'unlocked', at: now, by } })
        break
      }
      default: {
        const to = ({ disable: 'DISABLED', enable: 'ACTIVE', lost: 'LOST', revoke: 'REVOKED' } as const)[action]
        if (!(await applyTokenStatus({ tx, token, userId, from: spec.from, to, now }))) return false
        if (action === 'lost' || action === 'revoke') await endUserSessions({ userId, reason: spec.audit, tx, now })
        const status = ({ disable: 'disabled', enable: 'enabled', lost: 'lost', revoke: 'revoked' } as const)[action]
        await queueEmail({ tx, actor, to: user.email, template: 'token-status-changed', brand, props: { name, tokenName, status, at: now, by } })
      }
    }
    await recordAuditEvent({
      tx,
      action: spec.audit,
      actor,
      context,
      subject: { type: 'token', id: token.id, label: token.serial },
      details: { reason: reason.data, user: user.username, from: token.status, ...(action === 'revoke' ? { origin: token.origin } : {}) },
    })
    return true
  })
  return changed ? { ok: true } : { ok: false, errors: { form: ['This token changed meanwhile. Go back to the user’s page and look again.'] } }
}
