import 'server-only'
import { Prisma } from '@/generated/prisma/client'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import type { OtpType } from '@/lib/otp'
import { allowedTokenTypes, type Platform } from '@/lib/policy'
import { getSettings } from '@/lib/settings'
import { createSoftwareToken } from '@/lib/tokens'
import { requireLiveLink, userActor } from './require-live-link'

/**
 * "Start" (a POST): creates the pending token for this invitation, with a
 * fresh seed. Idempotent: pressing Start again, in another tab or after a
 * refresh, returns the same token, so a secret already scanned stays the one
 * that counts. A pending token never validates.
 */
export async function startEnrollment({
  token,
  type = 'TOTP',
  platform,
  context,
  now = new Date(),
}: {
  token: string
  type?: OtpType
  platform: Platform
  context?: AuditContext
  now?: Date
}): Promise<{ tokenId: string; serial: string; created: boolean }> {
  const link = await requireLiveLink({ token, now })
  if (link.token?.status === 'PENDING') return { tokenId: link.token.id, serial: link.token.serial, created: false }
  if (link.token) throw new AppError('EXPIRED', 'This enrollment link can no longer be used.')

  const settings = await getSettings()
  if (!allowedTokenTypes({ settings, platform }).includes(type)) {
    throw new AppError('INVALID_INPUT', 'That token type is not offered here. Choose one of the types shown.')
  }
  try {
    const created = await getDb().$transaction(async (tx) => {
      const pending = await createSoftwareToken({ userId: link.user.id, type, invitationId: link.invitation.id, tx })
      await recordAuditEvent({
        tx,
        action: 'token.created',
        actor: userActor(link.user),
        subject: { type: 'token', id: pending.id, label: pending.serial },
        context,
        details: { type, status: 'PENDING', invitationId: link.invitation.id, platform },
      })
      return pending
    })
    return { tokenId: created.id, serial: created.serial, created: true }
  } catch (error) {
    // Two tabs pressed Start at once: the invitation allows one token; use the winner's.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const again = await requireLiveLink({ token, now })
      if (again.token?.status === 'PENDING') return { tokenId: again.token.id, serial: again.token.serial, created: false }
    }
    throw error
  }
}
