import 'server-only'
import { recordAuditEvent, type AuditActor, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { buildKeyUri, type OtpAlgorithm } from '@/lib/otp'
import { readTokenSecret } from '@/lib/tokens'

export type EnrollmentKey = {
  keyUri: string
  /** The base32 seed in groups of four, for typing by hand. */
  groupedSecret: string
  issuer: string
  accountName: string
  type: 'TOTP' | 'HOTP'
  algorithm: OtpAlgorithm
  digits: number
  period: number
}

/**
 * The secret of a pending, not yet verified token, for the "add the token"
 * step (whose page checks first that this is the browser that pressed
 * Start). Once the person has proved their app shows the right codes, this
 * returns null: the secret is never sent again. With `shownTo`, each display
 * is audited (`token.secret-shown`), so an unexpected one can be traced.
 */
export async function readEnrollmentKey({
  tokenId,
  issuer,
  accountName,
  shownTo,
}: {
  tokenId: string
  issuer: string
  accountName: string
  shownTo?: { actor: AuditActor; context?: AuditContext }
}): Promise<EnrollmentKey | null> {
  const token = await getDb().token.findUnique({ where: { id: tokenId } })
  if (!token || token.status !== 'PENDING' || token.verifiedAt) return null
  const secret = readTokenSecret({ token })
  if (shownTo) {
    await recordAuditEvent({ action: 'token.secret-shown', actor: shownTo.actor, context: shownTo.context, subject: { type: 'token', id: token.id, label: token.serial } })
  }
  const keyUri = buildKeyUri({
    type: token.type,
    secret,
    issuer,
    accountName,
    algorithm: token.algorithm,
    digits: token.digits,
    period: token.period,
    counter: token.counter,
  })
  return {
    keyUri,
    groupedSecret: secret.match(/.{1,4}/g)?.join(' ') ?? secret,
    issuer,
    accountName,
    type: token.type,
    algorithm: token.algorithm,
    digits: token.digits,
    period: token.period,
  }
}
