import 'server-only'
import { auditEventData, recordAuditEvent, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { formatWait } from '@/lib/format'
import { brandFromSettings, queueEmail } from '@/lib/mail'
import { generateOtpSecret } from '@/lib/otp'
import { hashPin } from '@/lib/pins'
import { checkPin, defaultTokenName, pinPolicyFrom } from '@/lib/policy'
import { consumeRateLimits } from '@/lib/rate-limit'
import { getSettings } from '@/lib/settings'
import { readTokenSecret } from '@/lib/tokens'
import { checkClaimCodes } from './check-claim-codes'

export type ClaimFormErrors = { serial?: string[]; codes?: string[]; pin?: string[]; pinConfirm?: string[]; form?: string[] }
export type ClaimResult = { ok: true; tokenId: string; serial: string; name: string } | { ok: false; errors: ClaimFormErrors }

/** One message for a wrong serial and wrong codes alike: a claim must not tell which serials exist. */
export const CLAIM_FAILED = 'That serial number and those codes do not match a token you can claim. Check the serial on the back of the token and type two codes in a row.'

/** Guessing budget, like the sign-in's: per person and per address, over 15 minutes. */
export const CLAIM_LIMITS = { user: { limit: 5, windowSeconds: 900 }, address: { limit: 20, windowSeconds: 900 } } as const

/**
 * Self-service claim (policy `hardwareClaimEnabled`, off by default): a
 * signed-in person takes a hardware token from inventory by its serial and
 * two consecutive codes (check-claim-codes.ts), and sets its PIN in the same
 * step. In the order a person can fix: policy, token limit and PIN first
 * (nothing counted), then one attempt against the rate limits, then the
 * check. A serial not in stock and wrong codes give the same answer. The
 * token becomes the user's, ACTIVE, with a conditional update, so two
 * people claiming one serial at once cannot both win.
 */
export async function claimHardwareToken({
  user,
  serial,
  first,
  second,
  pin,
  pinConfirm,
  limited = false,
  context,
  now = new Date(),
}: {
  user: { id: string; username: string; email: string; displayName: string | null }
  serial: string
  first: string
  second: string
  pin: string
  pinConfirm: string
  /** A session without a token (emailed link): it may claim only a first token, as it may enrol only a replacement. */
  limited?: boolean
  context: AuditContext
  now?: Date
}): Promise<ClaimResult> {
  const settings = await getSettings()
  if (!settings.hardwareClaimEnabled) throw new AppError('FORBIDDEN', 'Claiming a hardware token is not offered here. Ask your helpdesk for one.')
  const db = getDb()
  const active = await db.token.count({ where: { userId: user.id, status: 'ACTIVE' } })
  if (active >= Math.max(settings.maxTokensPerUser, 1) || (limited && active > 0)) {
    return { ok: false, errors: { form: [`You already have ${active === 1 ? 'a token' : `${active} tokens`}, the most allowed. Ask your helpdesk to remove one first.`] } }
  }

  const wanted = serial.trim()
  const codes = [first, second].map((c) => c.replace(/\s+/g, ''))
  const errors: ClaimFormErrors = {}
  if (!wanted) errors.serial = ['Type the serial number printed on the token.']
  if (!codes[0] || !codes[1]) errors.codes = ['Type two codes from the token, one after the other.']
  const pinProblems = checkPin({ pin, policy: pinPolicyFrom(settings), username: user.username }).map((v) => v.message)
  if (pinProblems.length) errors.pin = pinProblems
  else if (pin !== pinConfirm) errors.pinConfirm = ['The two PINs do not match. Type the same PIN in both fields.']
  if (Object.keys(errors).length) return { ok: false, errors }

  const actor = { type: 'USER' as const, id: user.id, label: user.username }
  const limits = await consumeRateLimits({
    limits: [
      { key: `hw-claim:user:${user.id}`, ...CLAIM_LIMITS.user },
      { key: `hw-claim:address:${context.ip ?? 'unknown'}`, ...CLAIM_LIMITS.address },
    ],
    now,
  })
  const blocked = limits.find((l) => !l.allowed)
  if (blocked) {
    await recordAuditEvent({ action: 'inventory.claim-limited', actor, context, subject: { type: 'user', id: user.id, label: user.username } })
    throw new AppError('RATE_LIMITED', `Too many attempts. Please wait ${formatWait(blocked.retryAfterSeconds)} and try again.`, { retryAfterSeconds: blocked.retryAfterSeconds })
  }

  const token = await db.token.findFirst({
    where: { serial: wanted, origin: 'HARDWARE', status: 'INVENTORY', userId: null },
    select: { id: true, serial: true, type: true, algorithm: true, digits: true, period: true, counter: true, secretCiphertext: true, secretKeyId: true },
  })
  const check = token
    ? checkClaimCodes({ ...token, secret: readTokenSecret({ token }), first: codes[0]!, second: codes[1]!, lookAhead: settings.hotpLookAhead, window: settings.totpWindow, now: now.getTime() })
    : // No such token in stock: the same work on a throwaway seed, so the answer's timing does not tell.
      (checkClaimCodes({ type: 'TOTP', secret: generateOtpSecret(), algorithm: 'SHA1', digits: 6, period: 30, counter: 0, first: codes[0]!, second: codes[1]!, lookAhead: 0, window: settings.totpWindow, now: now.getTime() }), { valid: false as const })
  if (!token || !check.valid) {
    // The serial typed is not a secret, and the audit trail shows who tried what.
    await recordAuditEvent({ action: 'inventory.claim-failed', actor, context, subject: { type: 'user', id: user.id, label: user.username }, details: { serial: wanted.slice(0, 64) } })
    return { ok: false, errors: { codes: [CLAIM_FAILED] } }
  }

  const name = defaultTokenName({ username: user.username, serial: token.serial })
  const won = await db.$transaction(async (tx) => {
    const { count } = await tx.token.updateMany({
      where: { id: token.id, status: 'INVENTORY', userId: null },
      data: {
        userId: user.id,
        status: 'ACTIVE',
        name,
        counter: check.counter,
        lastTimeStep: check.lastTimeStep,
        pinHash: hashPin({ tokenId: token.id, pin }),
        pinSetAt: now,
        verifiedAt: now,
        activatedAt: now,
        statusChangedAt: now,
      },
    })
    if (count !== 1) return false
    await tx.auditEvent.createMany({
      data: [
        auditEventData({ action: 'token.claimed', actor, context, subject: { type: 'token', id: token.id, label: token.serial }, details: { type: token.type, origin: 'HARDWARE' } }),
        auditEventData({ action: 'pin.set', actor, context, subject: { type: 'token', id: token.id, label: token.serial } }),
      ],
    })
    await queueEmail({ tx, actor, to: user.email, template: 'token-enrolled', brand: brandFromSettings(settings), props: { name: user.displayName ?? user.username, tokenName: name, serial: token.serial, at: now, replaced: [] } })
    return true
  })
  if (!won) return { ok: false, errors: { codes: [CLAIM_FAILED] } }
  return { ok: true, tokenId: token.id, serial: token.serial, name }
}
