import 'server-only'
import { Prisma } from '@/generated/prisma/client'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import type { OtpType } from '@/lib/otp'
import { allowedTokenTypes, type Platform } from '@/lib/policy'
import { getSettings } from '@/lib/settings'
import { createSoftwareToken } from '@/lib/tokens'
import { newBrowserBinding } from './browser-binding'
import { proveTokenPossession } from './prove-token-possession'
import { needsProof, requireLiveLink, userActor } from './require-live-link'

export type StartResult =
  | {
      ok: true
      tokenId: string
      serial: string
      created: boolean
      /** A new value for this browser's enrollment cookie, when this call bound the enrollment to it; it may live until the link expires. */
      browser?: { value: string; expiresAt: Date }
    }
  | { ok: false; error: 'proof'; remaining: number; locked: boolean }

/**
 * "Start" (a POST): creates the pending token for this invitation, with a
 * fresh seed, bound to this browser (browser-binding.ts). Idempotent in the
 * same browser: pressing Start again, in another tab or after a refresh,
 * returns the same token, so a secret already scanned stays the one that
 * counts. Another browser gets FORBIDDEN ("started elsewhere") unless it
 * asks to start again here (`restart`), which discards the pending token and
 * its secret and starts afresh, bound to the new browser: the person who
 * moved from the desktop to the phone is not stuck.
 *
 * A self-requested link that would replace a working token asks for proof
 * of possession first, on every start and restart (needsProof).
 */
export async function startEnrollment({
  token,
  browser,
  restart = false,
  passcode,
  type = 'TOTP',
  platform,
  context,
  now = new Date(),
}: {
  token: string
  /** This browser's enrollment cookie, if it sent one. */
  browser: string | null | undefined
  restart?: boolean
  /** Proof of possession: PIN + current code of one of the user's active tokens. */
  passcode?: string
  type?: OtpType
  platform: Platform
  context?: AuditContext
  now?: Date
}): Promise<StartResult> {
  const link = await requireLiveLink({ token, browser, now })
  const pending = link.token?.status === 'PENDING' ? link.token : null
  if (pending && link.bound) return { ok: true, tokenId: pending.id, serial: pending.serial, created: false }
  if (pending && !restart) throw new AppError('FORBIDDEN', 'This setup was started on another device or browser.')
  if (link.token && !pending) throw new AppError('EXPIRED', 'This enrollment link can no longer be used.')

  const settings = await getSettings()
  if (!allowedTokenTypes({ settings, platform }).includes(type)) {
    throw new AppError('INVALID_INPUT', 'That token type is not offered here. Choose one of the types shown.')
  }
  if (needsProof(link)) {
    const proof = await proveTokenPossession({ link, passcode: passcode ?? '', context, now })
    if (!proof.proved) return { ok: false, error: 'proof', remaining: proof.remaining, locked: proof.locked }
  }

  const binding = newBrowserBinding()
  const actor = userActor(link.user)
  try {
    const created = await getDb().$transaction(async (tx) => {
      if (pending) {
        // Start again here: the other browser's secret is gone for good.
        const discarded = await tx.token.deleteMany({ where: { id: pending.id, status: 'PENDING', invitationId: link.invitation.id } })
        if (discarded.count !== 1) throw new AppError('CONFLICT', 'This setup changed meanwhile. Open the link again.')
        await recordAuditEvent({ tx, action: 'token.discarded', actor, subject: { type: 'token', id: pending.id, label: pending.serial }, context, details: { reason: 'started-again-elsewhere', invitationId: link.invitation.id } })
      }
      const token = await createSoftwareToken({ userId: link.user.id, type, invitationId: link.invitation.id, tx })
      await tx.enrollmentInvitation.update({ where: { id: link.invitation.id }, data: { browserHash: binding.hash } })
      await recordAuditEvent({
        tx,
        action: 'token.created',
        actor,
        subject: { type: 'token', id: token.id, label: token.serial },
        context,
        details: { type, status: 'PENDING', invitationId: link.invitation.id, platform, restarted: Boolean(pending) },
      })
      return token
    })
    return { ok: true, tokenId: created.id, serial: created.serial, created: true, browser: { value: binding.value, expiresAt: link.invitation.expiresAt } }
  } catch (error) {
    // Two tabs of one browser pressed Start at once: the invitation allows one
    // token, the other tab's cookie is the winner's, so send it back there.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('FORBIDDEN', 'This setup was started on another device or browser.')
    }
    throw error
  }
}
