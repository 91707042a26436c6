import 'server-only'
import type { AuditContext } from '@/lib/audit'
import { recordAuditEvent } from '@/lib/audit'
import { endUserSessions } from '@/lib/auth'
import { getDb } from '@/lib/db'
import { formatWhen } from '@/lib/format'
import { brandFromSettings, queueEmail } from '@/lib/mail'
import { hashPin, verifyPin } from '@/lib/pins'
import { checkPin, pinPolicyFrom } from '@/lib/policy'
import { getSettings } from '@/lib/settings'
import { checkTokenCode } from '@/lib/validate'

export type PinFormErrors = { code?: string[]; pin?: string[]; pinConfirm?: string[]; form?: string[] }
export type PinChange = { ok: true } | { ok: false; errors: PinFormErrors; notFound?: boolean }

const codeMessage = (reason: string, unlocksAt: Date | null | undefined, supportContact: string) =>
  reason === 'locked' || unlocksAt !== undefined
    ? unlocksAt
      ? `This token is locked after too many wrong codes. It unlocks at ${formatWhen(unlocksAt)}.`
      : `This token is locked after too many wrong codes. Ask ${supportContact} to unlock it.`
    : reason === 'malformed'
      ? 'Type the code your app shows now: digits only.'
      : reason === 'replayed'
        ? 'That code was used already. Wait for the next one in your app.'
        : 'That code did not match. Type the code your app shows now for this token.'

/**
 * A new PIN for one of the user's tokens, in the order a person can fix:
 * the new PIN is checked against the policy first (nothing counted), then a
 * fresh code from the token proves possession (used up; a wrong one counts
 * toward lockout), then the PIN is stored. It may not be the current PIN.
 * Other sessions end at once; the user is told by email; audited.
 *
 * `proof` decides the audit and what ends: a signed-in change keeps the
 * session that made it; a reset by emailed link ends them all.
 */
export async function setNewPin({
  user,
  tokenId,
  code,
  pin,
  pinConfirm,
  context,
  keepSession,
  via,
  consumeLinkId,
  now = new Date(),
}: {
  user: { id: string; username: string; email: string; displayName: string | null }
  tokenId: string
  code: string
  pin: string
  pinConfirm: string
  context: AuditContext
  /** The session that made the change (signed in); none for a link. */
  keepSession?: string
  via: 'portal' | 'reset-link'
  /** The emailed link this change uses up, in the same transaction. */
  consumeLinkId?: string
  now?: Date
}): Promise<PinChange> {
  const db = getDb()
  const token = await db.token.findFirst({ where: { id: tokenId, userId: user.id, status: 'ACTIVE' }, select: { id: true, name: true, serial: true, pinHash: true } })
  if (!token) return { ok: false, notFound: true, errors: { form: ['That token is not one of yours, or it can no longer be used.'] } }
  const settings = await getSettings()
  const errors: PinFormErrors = {}
  const problems = checkPin({ pin, policy: pinPolicyFrom(settings), username: user.username }).map((v) => v.message)
  if (problems.length) errors.pin = problems
  else if (token.pinHash && verifyPin({ tokenId: token.id, pin, pinHash: token.pinHash })) errors.pin = ['Choose a PIN different from your current one.']
  else if (pin !== pinConfirm) errors.pinConfirm = ['The two PINs do not match. Type the same PIN in both fields.']
  if (!code.trim()) errors.code = ['Type the code your app shows now for this token.']
  if (Object.keys(errors).length) return { ok: false, errors }

  const actor = { type: 'USER' as const, id: user.id, label: user.username }
  const proof = await checkTokenCode({
    userId: user.id,
    tokenId: token.id,
    code,
    actor,
    context,
    audit: { accepted: 'pin.change-proved', rejected: 'pin.change-proof-failed', details: { via } },
    now,
  })
  if (proof.result !== 'accept') return { ok: false, errors: { code: [codeMessage(proof.reason, proof.unlocksAt, settings.supportContact)] } }

  const changed = await db.$transaction(async (tx) => {
    // Conditional on the PIN we checked against: two changes at once, one wins.
    const { count } = await tx.token.updateMany({
      where: { id: token.id, status: 'ACTIVE', pinHash: token.pinHash },
      data: { pinHash: hashPin({ tokenId: token.id, pin }), pinSetAt: now, pinReminderSentAt: null },
    })
    if (count !== 1) return false
    if (consumeLinkId && (await tx.userLink.updateMany({ where: { id: consumeLinkId, usedAt: null }, data: { usedAt: now } })).count !== 1) throw new LinkAlreadyUsed()
    await endUserSessions({ userId: user.id, reason: 'pin-changed', except: keepSession, tx, now })
    await recordAuditEvent({ tx, action: via === 'portal' ? 'pin.changed' : 'pin.reset', actor, context, subject: { type: 'token', id: token.id, label: token.serial } })
    await queueEmail({ tx, actor, to: user.email, template: 'pin-changed', brand: brandFromSettings(settings), props: { name: user.displayName ?? user.username, tokenName: token.name ?? token.serial, at: now, byHelpdesk: false } })
    return true
  })
  return changed ? { ok: true } : { ok: false, errors: { form: ['The PIN changed meanwhile, in another window. Reload the page and try again.'] } }
}

/** The link was used by another request in the same instant: nothing changes. */
export class LinkAlreadyUsed extends Error {
  override name = 'LinkAlreadyUsed'
}
