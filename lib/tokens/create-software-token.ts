import 'server-only'
import { Prisma, type OtpAlgorithm, type TokenType } from '@/generated/prisma/client'
import { sealSecret } from '@/lib/crypto'
import { getDb } from '@/lib/db'
import { generateOtpSecret } from '@/lib/otp'
import { generateSerial } from './generate-serial'

export type CreatedSoftwareToken = {
  id: string
  serial: string
  /** Base32 seed, returned once for the enrollment page; stored only sealed. */
  secret: string
}

/**
 * Creates a PENDING software token with a fresh 160-bit seed, sealed with
 * AES-256-GCM and bound to its serial. A pending token never validates.
 */
export async function createSoftwareToken({
  userId,
  type = 'TOTP',
  algorithm = 'SHA1',
  digits = 6,
  period = 30,
  invitationId,
  tx,
}: {
  userId: string
  type?: TokenType
  algorithm?: OtpAlgorithm
  digits?: number
  period?: number
  invitationId?: string
  tx?: Prisma.TransactionClient
}): Promise<CreatedSoftwareToken> {
  const db = tx ?? getDb()
  const secret = generateOtpSecret()
  // A serial collision is possible in principle (31^8 values); retry a few times.
  for (let attempt = 0; ; attempt++) {
    const serial = generateSerial()
    const sealed = sealSecret({ plaintext: secret, context: serial })
    try {
      const token = await db.token.create({
        data: {
          serial,
          type,
          origin: 'SOFTWARE',
          status: 'PENDING',
          userId,
          invitationId,
          secretCiphertext: sealed.ciphertext,
          secretKeyId: sealed.keyId,
          algorithm,
          digits,
          period,
        },
        select: { id: true, serial: true },
      })
      return { ...token, secret }
    } catch (error) {
      const isSerialClash =
        error instanceof Prisma.PrismaClientKnownRequestError &&
        error.code === 'P2002' &&
        String(error.meta?.target ?? '').includes('serial')
      if (!isSerialClash || attempt >= 4) throw error
    }
  }
}
