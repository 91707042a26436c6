import 'server-only'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { verifyTotp } from '@/lib/otp'
import { hasActiveAdmin } from './issue-first-admin-link'
import { readStaffSecret } from './read-staff-secret'
import { isSetupBrowser, resolveStaffLink, STAFF_LINK_MAX_FAILURES } from './resolve-staff-link'

export type FinishSetupResult =
  | { ok: true; staff: { id: string; username: string } }
  | { ok: false; dead: true }
  | { ok: false; dead?: false; error: string; remaining: number }

/**
 * Set-up, step 2 (a POST): the code the new authenticator shows. Right:
 * in one transaction the link is used (conditionally, so it works once),
 * the account activated and the code's time step stored, so the same code
 * cannot sign in afterwards. Wrong: counted on the link, which locks after
 * five. A first-administrator link finishes only while no administrator
 * exists, and ends the other printed links.
 */
export async function finishStaffSetup({ token, browser, code: typed, context, now = new Date() }: { token: string; browser: string | null; code: string; context: AuditContext; now?: Date }): Promise<FinishSetupResult> {
  const resolved = await resolveStaffLink({ token, now })
  const { link, staff } = resolved
  if (resolved.state !== 'valid' || !link || !staff?.totpSecretCiphertext || !staff.totpSecretKeyId) return { ok: false, dead: true }
  if (!isSetupBrowser({ browserHash: link.browserHash, browser })) return { ok: false, dead: true }
  const actor = { type: 'STAFF' as const, id: staff.id, label: staff.username }
  const subject = { type: 'staff', id: staff.id, label: staff.username }

  const code = typed.replace(/[\s-]/g, '')
  if (!/^\d{6}$/.test(code)) return { ok: false, error: 'Type the 6-digit code your authenticator app shows now.', remaining: STAFF_LINK_MAX_FAILURES - link.failedAttempts }
  const secret = readStaffSecret({ staff: { id: staff.id, totpSecretCiphertext: staff.totpSecretCiphertext, totpSecretKeyId: staff.totpSecretKeyId } })
  const match = verifyTotp({ secret, code, window: 1, now: now.getTime() })
  if (!match.valid) {
    const counted = await getDb().staffLink.update({ where: { id: link.id }, data: { failedAttempts: { increment: 1 } }, select: { failedAttempts: true } })
    await recordAuditEvent({ action: 'staff.setup-code-rejected', actor, context, subject, details: { linkId: link.id, failures: counted.failedAttempts } })
    const remaining = Math.max(STAFF_LINK_MAX_FAILURES - counted.failedAttempts, 0)
    if (remaining === 0) return { ok: false, dead: true }
    return { ok: false, error: 'That code did not match. Check that you typed the code for this account, and that your phone sets its clock automatically.', remaining }
  }

  const done = await getDb().$transaction(async (tx) => {
    const used = await tx.staffLink.updateMany({ where: { id: link.id, usedAt: null }, data: { usedAt: now } })
    if (used.count !== 1) return false
    if (link.purpose === 'FIRST_ADMIN') {
      if (await hasActiveAdmin({ db: tx })) return false
      await tx.staffLink.updateMany({ where: { purpose: 'FIRST_ADMIN', usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } })
    }
    const activated = await tx.staffUser.updateMany({ where: { id: staff.id, activatedAt: null }, data: { activatedAt: now, totpLastTimeStep: match.timeStep, failedAttempts: 0 } })
    if (activated.count !== 1) return false
    await recordAuditEvent({ tx, action: 'staff.activated', actor, context, subject, details: { linkId: link.id, purpose: link.purpose, role: staff.role === 'ADMIN' ? 'admin' : 'helpdesk' } })
    return true
  })
  return done ? { ok: true, staff: { id: staff.id, username: staff.username } } : { ok: false, dead: true }
}
