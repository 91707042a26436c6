import 'server-only'
import type { Prisma, TokenOrigin, TokenStatus } from '@/generated/prisma/client'

/**
 * Inside the caller's transaction: moves one of a user's tokens from one of
 * `from` to `to` with a conditional update, so two people acting at once
 * cannot both win; false when the token changed meanwhile.
 *
 * Revoking is for good. A software token's seed is destroyed (nothing can
 * ever compute its codes again). A hardware token's seed is the device's and
 * stays sealed; the token becomes REVOKED (no PIN, name or lock) and stays
 * out of stock until an admin, holding the device again, returns it to
 * inventory (lib/inventory/return-token-to-inventory): a lost device found
 * by a stranger must not become claimable in self-service (decision 023).
 */
export async function applyTokenStatus({
  tx,
  token,
  userId,
  from,
  to,
  now,
}: {
  tx: Prisma.TransactionClient
  token: { id: string; origin: TokenOrigin }
  userId: string
  from: TokenStatus[]
  to: Exclude<TokenStatus, 'INVENTORY' | 'PENDING' | 'ASSIGNED'>
  now: Date
}): Promise<boolean> {
  const where = { id: token.id, userId, status: { in: from } }
  let data: Prisma.TokenUncheckedUpdateManyInput = { status: to, statusChangedAt: now }
  if (to === 'REVOKED' && token.origin === 'HARDWARE') {
    data = { ...data, ...CLEARED_HOLDER_STATE }
  } else if (to === 'REVOKED') {
    data = { ...data, secretCiphertext: '', secretKeyId: 'destroyed', pinHash: null }
  }
  const { count } = await tx.token.updateMany({ where, data })
  return count === 1
}

/** What a hardware token forgets of its holder when it is revoked (its seed stays sealed). */
export const CLEARED_HOLDER_STATE = {
  name: null,
  pinHash: null,
  pinSetAt: null,
  pinReminderSentAt: null,
  // The next holder's dormancy counts from their own activation, not this holder's last use.
  lastUsedAt: null,
  dormantWarnedAt: null,
  failedAttempts: 0,
  lockedAt: null,
  lockedUntil: null,
  lockCount: 0,
  invitationId: null,
  replacesTokenId: null,
  verifiedAt: null,
  activatedAt: null,
} satisfies Prisma.TokenUncheckedUpdateManyInput
