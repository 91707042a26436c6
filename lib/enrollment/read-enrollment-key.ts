import 'server-only'
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
 * step. Once the person has proved their app shows the right codes, this
 * returns null: the secret is never sent again.
 */
export async function readEnrollmentKey({
  tokenId,
  issuer,
  accountName,
}: {
  tokenId: string
  issuer: string
  accountName: string
}): Promise<EnrollmentKey | null> {
  const token = await getDb().token.findUnique({ where: { id: tokenId } })
  if (!token || token.status !== 'PENDING' || token.verifiedAt) return null
  const secret = readTokenSecret({ token })
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
