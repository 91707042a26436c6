import 'server-only'
import { auditEventData, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { tokensToReplace } from '@/lib/enrollment'
import { recordLinkFailure } from '@/lib/enrollment/record-link-failure'
import { AppError } from '@/lib/errors'
import { brandFromSettings, queueEmail } from '@/lib/mail'
import { verifyHotp, verifyTotp } from '@/lib/otp'
import { hashPin } from '@/lib/pins'
import { checkPin, defaultTokenName, pinPolicyFrom } from '@/lib/policy'
import { getSettings } from '@/lib/settings'
import { readTokenSecret } from '@/lib/tokens'
import { readActivationLink } from './read-activation-link'

export type ActivationFormErrors = { code?: string[]; pin?: string[]; pinConfirm?: string[] }
export type ActivationResult = { ok: true; serial: string; name: string; replaced: string[] } | { ok: false; errors: ActivationFormErrors; locked?: boolean }

/**
 * The user finishes an assignment from the emailed link (a POST; opening
 * the link changes nothing): the PIN is checked against the policy first
 * (nothing counted), then a code from the device proves possession (a wrong
 * one counts toward the link's lock, like enrollment's check step). Then,
 * in one transaction: the link is consumed, the token becomes ACTIVE with
 * its PIN (keyed hash) and the code's counter or time step (so that code is
 * used up), tokens beyond the policy's limit are replaced, audited and the
 * "token enrolled" email queued.
 */
export async function activateAssignedToken({
  token: linkToken,
  code,
  pin,
  pinConfirm,
  context,
  now = new Date(),
}: {
  token: string
  code: string
  pin: string
  pinConfirm: string
  context: AuditContext
  now?: Date
}): Promise<ActivationResult> {
  const link = await readActivationLink({ token: linkToken, now })
  if (link.state !== 'valid') throw new AppError('EXPIRED', 'This activation link can no longer be used. Ask your helpdesk for a new one.')
  const { invitation, user, token } = link
  const settings = await getSettings()
  const errors: ActivationFormErrors = {}
  const pinProblems = checkPin({ pin, policy: pinPolicyFrom(settings), username: user.username }).map((v) => v.message)
  if (pinProblems.length) errors.pin = pinProblems
  else if (pin !== pinConfirm) errors.pinConfirm = ['The two PINs do not match. Type the same PIN in both fields.']
  const typed = code.replace(/\s+/g, '')
  if (!typed) errors.code = ['Press the token’s button and type the code it shows.']
  if (Object.keys(errors).length) return { ok: false, errors }

  const row = await getDb().token.findUniqueOrThrow({ where: { id: token.id } })
  const secret = readTokenSecret({ token: row })
  const params = { secret, algorithm: row.algorithm, digits: row.digits, period: row.period }
  const match =
    row.type === 'HOTP'
      ? verifyHotp({ ...params, code: typed, counter: row.counter, lookAhead: settings.hotpLookAhead })
      : verifyTotp({ ...params, code: typed, window: settings.totpWindow, now: now.getTime(), afterTimeStep: row.lastTimeStep })
  const actor = { type: 'USER' as const, id: user.id, label: user.username }
  if (!match.valid) {
    const failure = await recordLinkFailure({
      invitationId: invitation.id,
      max: settings.enrollmentMaxFailures,
      action: 'token.activation-code-rejected',
      actor,
      subject: { type: 'token', id: token.id, label: token.serial },
      user,
      context,
      now,
    })
    const message = failure.locked
      ? `Too many wrong codes: this link no longer works. Ask ${settings.supportContact} for a new one.`
      : `That code did not match token ${token.serial}. Press the button and type the new code (${failure.remaining} ${failure.remaining === 1 ? 'try' : 'tries'} left).`
    return { ok: false, errors: { code: [message] }, locked: failure.locked }
  }

  const name = defaultTokenName({ username: user.username, serial: token.serial })
  const replace = await tokensToReplace({ userId: user.id, exceptId: token.id, maxTokens: settings.maxTokensPerUser })
  const won = await getDb().$transaction(async (tx) => {
    const consumed = await tx.enrollmentInvitation.updateMany({ where: { id: invitation.id, usedAt: null, revokedAt: null, lockedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } })
    if (consumed.count !== 1) return false
    // Conditional on the counter or step we checked against: the code is used up exactly once.
    const activated = await tx.token.updateMany({
      where: { id: token.id, userId: user.id, status: 'ASSIGNED', invitationId: invitation.id, counter: row.counter, lastTimeStep: row.lastTimeStep },
      data: {
        status: 'ACTIVE',
        name,
        ...('nextCounter' in match ? { counter: match.nextCounter } : { lastTimeStep: match.timeStep }),
        pinHash: hashPin({ tokenId: token.id, pin }),
        pinSetAt: now,
        verifiedAt: now,
        activatedAt: now,
        statusChangedAt: now,
        failedAttempts: 0,
        replacesTokenId: replace[0]?.id ?? null,
      },
    })
    if (activated.count !== 1) throw new AppError('CONFLICT', 'This token changed meanwhile. Ask your helpdesk for a new link.')
    if (replace.length) await tx.token.updateMany({ where: { id: { in: replace.map((t) => t.id) }, status: 'ACTIVE' }, data: { status: 'REVOKED', statusChangedAt: now } })
    await tx.auditEvent.createMany({
      data: [
        auditEventData({ action: 'token.activated', actor, context, subject: { type: 'token', id: token.id, label: token.serial }, details: { origin: 'HARDWARE', invitationId: invitation.id, replaced: replace.map((t) => t.serial).join(',') || null } }),
        auditEventData({ action: 'pin.set', actor, context, subject: { type: 'token', id: token.id, label: token.serial } }),
        ...replace.map((old) => auditEventData({ action: 'token.replaced', actor, context, subject: { type: 'token', id: old.id, label: old.serial }, details: { oldSerial: old.serial, newSerial: token.serial } })),
      ],
    })
    await queueEmail({
      tx,
      actor,
      to: user.email,
      template: 'token-enrolled',
      brand: brandFromSettings(settings),
      props: { name: user.displayName ?? user.username, tokenName: name, serial: token.serial, at: now, replaced: replace.map((t) => ({ name: t.name ?? t.serial, serial: t.serial })) },
    })
    return true
  })
  if (!won) throw new AppError('EXPIRED', 'This activation link can no longer be used. Ask your helpdesk for a new one.')
  return { ok: true, serial: token.serial, name, replaced: replace.map((t) => t.serial) }
}
