import 'server-only'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import { buildKeyUri } from '@/lib/otp'
import { readStaffSecret } from './read-staff-secret'
import { isSetupBrowser, resolveStaffLink } from './resolve-staff-link'

export type StaffSetupKey = {
  keyUri: string
  groupedSecret: string
  issuer: string
  accountName: string
  type: 'TOTP'
  algorithm: 'SHA1'
  digits: 6
  period: 30
  username: string
}

/**
 * The authenticator seed of an account being set up, for the browser that
 * chose its password only, and only until the code check succeeds (then
 * the link is used and this returns null). Every display is audited. The
 * issuer says "staff", so the entry stands apart from a user token in the
 * same app.
 */
export async function readStaffSetupKey({ token, browser, issuer, context, now = new Date() }: { token: string; browser: string | null; issuer: string; context?: AuditContext; now?: Date }): Promise<StaffSetupKey | null> {
  const resolved = await resolveStaffLink({ token, now })
  const staff = resolved.staff
  if (resolved.state !== 'valid' || !resolved.link || !staff?.totpSecretCiphertext || !staff.totpSecretKeyId) return null
  if (!isSetupBrowser({ browserHash: resolved.link.browserHash, browser })) return null
  const secret = readStaffSecret({ staff: { id: staff.id, totpSecretCiphertext: staff.totpSecretCiphertext, totpSecretKeyId: staff.totpSecretKeyId } })
  await recordAuditEvent({ action: 'staff.secret-shown', actor: { type: 'STAFF', id: staff.id, label: staff.username }, context, subject: { type: 'staff', id: staff.id, label: staff.username } })
  const staffIssuer = `${issuer} staff`
  return {
    keyUri: buildKeyUri({ type: 'TOTP', secret, issuer: staffIssuer, accountName: staff.username }),
    groupedSecret: secret.match(/.{1,4}/g)?.join(' ') ?? secret,
    issuer: staffIssuer,
    accountName: staff.username,
    type: 'TOTP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    username: staff.username,
  }
}
