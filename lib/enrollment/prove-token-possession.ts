import 'server-only'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { isRecoveryCodeShape, spendRecoveryCode } from '@/lib/recovery-codes'
import { getSettings } from '@/lib/settings'
import { checkPasscode, isWellFormedPasscode } from '@/lib/validate'
import { recordLinkFailure } from './record-link-failure'
import { userActor, type LiveLink } from './require-live-link'

export type ProofResult = { proved: true } | { proved: false; remaining: number; locked: boolean }

/**
 * The replacement step of a self-requested link (needsProof): a current
 * passcode of one of the user's active tokens (or one of their recovery
 * codes, used up), checked by the same code as
 * the validation API, so the code is used up and a wrong passcode counts
 * toward that token's lockout. Each wrong passcode also counts against the
 * link, which locks at the policy's limit (default 5).
 */
export async function proveTokenPossession({
  link,
  passcode: typed,
  context,
  now = new Date(),
}: {
  link: LiveLink
  passcode: string
  context?: AuditContext
  now?: Date
}): Promise<ProofResult> {
  // Spaces are never part of a PIN or a code; people type them after the PIN.
  const passcode = typed.replace(/\s/g, '')
  if (!isWellFormedPasscode(passcode)) throw new AppError('INVALID_INPUT', 'Type a passcode: your PIN followed by the code your app shows now.')
  const actor = userActor(link.user)
  // Or one of the user's recovery codes (the phone with the token is gone).
  if (isRecoveryCodeShape(passcode) && (await spendRecoveryCode({ userId: link.user.id, typed: passcode, now }))) {
    await getDb().enrollmentInvitation.update({ where: { id: link.invitation.id }, data: { proofAt: now } })
    await recordAuditEvent({ action: 'enrollment.proof-accepted', actor, context, subject: { type: 'user', id: link.user.id, label: link.user.username }, details: { invitationId: link.invitation.id, method: 'recovery-code' } })
    return { proved: true }
  }
  const checked = await checkPasscode({
    username: link.user.username,
    passcode,
    actor,
    context: context ?? {},
    audit: { accepted: 'enrollment.proof-accepted', rejected: 'enrollment.proof-rejected', details: { invitationId: link.invitation.id } },
    allowTemporary: false,
    now,
  })
  if (checked.result === 'accept') {
    await getDb().enrollmentInvitation.update({ where: { id: link.invitation.id }, data: { proofAt: now } })
    return { proved: true }
  }
  const settings = await getSettings()
  const failure = await recordLinkFailure({
    invitationId: link.invitation.id,
    pendingTokenId: link.token?.status === 'PENDING' ? link.token.id : undefined,
    max: settings.enrollmentMaxFailures,
    action: 'enrollment.proof-failed',
    actor,
    subject: { type: 'user', id: link.user.id, label: link.user.username },
    user: link.user,
    context,
    now,
  })
  return {
    proved: false,
    ...failure,
  }
}
