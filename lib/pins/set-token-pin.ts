import 'server-only'
import type { Prisma } from '@/generated/prisma/client'
import { getDb } from '@/lib/db'
import { hashPin } from './hash-pin'

/** Stores a token's PIN as a keyed hash. Policy checks happen before this call. */
export async function setTokenPin({
  tokenId,
  pin,
  tx,
}: {
  tokenId: string
  pin: string
  tx?: Prisma.TransactionClient
}): Promise<void> {
  await (tx ?? getDb()).token.update({
    where: { id: tokenId },
    data: { pinHash: hashPin({ tokenId, pin }), pinSetAt: new Date() },
  })
}
