import 'server-only'
import { auditEventData, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { brandFromSettings, queueEmail } from '@/lib/mail'
import { hashPin } from '@/lib/pins'
import { checkPin, pinPolicyFrom, ZTokenName } from '@/lib/policy'
import { getSettings } from '@/lib/settings'
import { resolveInvitationLink } from './resolve-invitation-link'
import { requireBoundLink, userActor } from './require-live-link'

export type EnrollmentFormErrors = { pin?: string[]; pinConfirm?: string[]; name?: string[] }

export type CompletedEnrollment =
  | { ok: true; tokenId: string; serial: string; name: string; replaced: string[]; alreadyDone: boolean }
  | { ok: false; errors: EnrollmentFormErrors }

/**
 * Which of the user's active tokens activating one more would replace: the
 * one a "move to a new phone" named (`replacesTokenId`), then the oldest
 * beyond the policy's limit.
 */
export async function tokensToReplace({ userId, exceptId, maxTokens, replacesTokenId }: { userId: string; exceptId?: string; maxTokens: number; replacesTokenId?: string | null }) {
  const active = await getDb().token.findMany({
    where: { userId, status: 'ACTIVE', ...(exceptId ? { id: { not: exceptId } } : {}) },
    orderBy: [{ activatedAt: 'asc' }, { createdAt: 'asc' }],
    select: { id: true, serial: true, name: true },
  })
  const chosen = active.filter((t) => t.id === replacesTokenId)
  const others = active.filter((t) => t.id !== replacesTokenId)
  return [...chosen, ...others.slice(0, Math.max(others.length + 1 - Math.max(maxTokens, 1), 0))]
}

/**
 * The last step, in one transaction: the invitation is consumed, the token
 * becomes active with its PIN (a keyed hash) and name, tokens beyond the
 * policy's limit are replaced, and the audit event and "token enrolled"
 * email are written with it. The invitation's conditional update lets
 * exactly one of two simultaneous submissions win; the other is told it is
 * already done.
 */
export async function completeEnrollment({
  token,
  browser,
  pin,
  pinConfirm,
  name,
  context,
  now = new Date(),
}: {
  token: string
  /** This browser's enrollment cookie: only the browser that pressed Start may finish. */
  browser: string | null | undefined
  pin: string
  pinConfirm: string
  name: string
  context?: AuditContext
  now?: Date
}): Promise<CompletedEnrollment> {
  const before = await resolveInvitationLink({ token, now })
  if (before.state === 'used' && before.token?.status === 'ACTIVE') return done(before.token, [], true)
  const link = await requireBoundLink({ token, browser, now })
  if (!link.token!.verifiedAt) throw new AppError('CONFLICT', 'Type a code from your app first, to show that the token works.')

  const settings = await getSettings()
  const errors: EnrollmentFormErrors = {}
  const pinProblems = checkPin({ pin, policy: pinPolicyFrom(settings), username: link.user.username }).map((v) => v.message)
  if (pinProblems.length) errors.pin = pinProblems
  else if (pin !== pinConfirm) errors.pinConfirm = ['The two PINs do not match. Type the same PIN in both fields.']
  const parsedName = ZTokenName.safeParse(name)
  if (!parsedName.success) errors.name = parsedName.error.issues.map((i) => i.message)
  if (!parsedName.success || Object.keys(errors).length) return { ok: false, errors }

  const tokenId = link.token!.id
  const serial = link.token!.serial
  const actor = userActor(link.user)
  const replace = await tokensToReplace({ userId: link.user.id, exceptId: tokenId, maxTokens: settings.maxTokensPerUser, replacesTokenId: link.invitation.replacesTokenId })

  const won = await getDb().$transaction(async (tx) => {
    const consumed = await tx.enrollmentInvitation.updateMany({
      where: { id: link.invitation.id, usedAt: null, revokedAt: null, lockedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    })
    if (consumed.count !== 1) return false
    const activated = await tx.token.updateMany({
      where: { id: tokenId, status: 'PENDING', verifiedAt: { not: null } },
      data: {
        status: 'ACTIVE',
        name: parsedName.data,
        pinHash: hashPin({ tokenId, pin }),
        pinSetAt: now,
        activatedAt: now,
        statusChangedAt: now,
        failedAttempts: 0,
        replacesTokenId: replace[0]?.id ?? null,
      },
    })
    if (activated.count !== 1) throw new AppError('CONFLICT', 'This token can no longer be activated. Ask for a new link.')
    // The old token goes only now that the new one is active.
    if (replace.length) {
      await tx.token.updateMany({ where: { id: { in: replace.map((t) => t.id) }, status: 'ACTIVE' }, data: { status: 'REVOKED', statusChangedAt: now } })
    }
    // The user's other live links (a self-request leaves them valid) have
    // done their job: revoked, their unfinished tokens and secrets deleted.
    const others = await tx.enrollmentInvitation.findMany({ where: { userId: link.user.id, id: { not: link.invitation.id }, usedAt: null, revokedAt: null }, select: { id: true } })
    if (others.length) {
      await tx.enrollmentInvitation.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { revokedAt: now, revokedReason: 'superseded' } })
      await tx.token.deleteMany({ where: { invitationId: { in: others.map((o) => o.id) }, status: 'PENDING' } })
    }
    await tx.auditEvent.createMany({
      data: [
        auditEventData({
          action: 'token.enrolled',
          actor,
          subject: { type: 'token', id: tokenId, label: serial },
          context,
          details: { type: link.token!.type, invitationId: link.invitation.id, replaced: replace.map((t) => t.serial).join(',') || null, otherLinksRevoked: others.length },
        }),
        auditEventData({ action: 'pin.set', actor, subject: { type: 'token', id: tokenId, label: serial }, context }),
        ...replace.map((old) =>
          auditEventData({
            action: 'token.replaced',
            actor,
            subject: { type: 'token', id: old.id, label: old.serial },
            context,
            details: { oldSerial: old.serial, newSerial: serial, selfRequested: link.invitation.selfRequested },
          }),
        ),
      ],
    })
    await queueEmail({
      tx,
      actor,
      to: link.user.email,
      template: 'token-enrolled',
      brand: brandFromSettings(settings),
      props: { name: link.user.displayName ?? link.user.username, tokenName: parsedName.data, serial, at: now, replaced: replace.map((t) => ({ name: t.name ?? t.serial, serial: t.serial })) },
    })
    return true
  })
  if (!won) {
    // Lost the race to a second tab, or the link ran out mid-way: report which.
    const after = await resolveInvitationLink({ token, now })
    if (after.state === 'used' && after.token?.status === 'ACTIVE') return done(after.token, [], true)
    throw new AppError('EXPIRED', 'This enrollment link can no longer be used.')
  }
  return done({ id: tokenId, serial, name: parsedName.data }, replace.map((t) => t.serial), false)
}

function done(token: { id: string; serial: string; name: string | null }, replaced: string[], alreadyDone: boolean): CompletedEnrollment {
  return { ok: true, tokenId: token.id, serial: token.serial, name: token.name ?? token.serial, replaced, alreadyDone }
}
