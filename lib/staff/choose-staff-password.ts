import 'server-only'
import { Prisma } from '@/generated/prisma/client'
import { auditEventData, recordAuditEvent, type AuditContext } from '@/lib/audit'
import { generateUrlToken, hashPassword, keyedHash, sealSecret } from '@/lib/crypto'
import { getDb } from '@/lib/db'
import { generateOtpSecret } from '@/lib/otp'
import { checkStaffPassword } from './password-policy'
import { resolveStaffLink } from './resolve-staff-link'
import { ZStaffIdentity } from './schemas'

export type StaffSetupErrors = Partial<Record<'username' | 'email' | 'displayName' | 'password' | 'passwordConfirm' | 'form', string[]>>

export type ChoosePasswordResult = { ok: true; browser: string; expiresAt: Date } | { ok: false; errors: StaffSetupErrors; dead?: boolean }

/** The context a staff seed is sealed under: bound to the account, as a token's is to its serial. */
export const staffSecretContext = (staffId: string) => `staff:${staffId}`

/**
 * Set-up, step 1 (a POST): the password, checked against the policy and
 * hashed with argon2id, and a fresh authenticator seed sealed like token
 * seeds. A first-administrator link also takes the username and email
 * here. The link is bound to this browser (the returned value goes in an
 * HttpOnly cookie): only it is shown the seed and may finish. Doing this
 * step again (another browser, or a second try) replaces password and seed.
 */
export async function chooseStaffPassword({
  token,
  input,
  context,
  now = new Date(),
}: {
  token: string
  input: { username?: string; email?: string; displayName?: string; password: string; passwordConfirm: string }
  context: AuditContext
  now?: Date
}): Promise<ChoosePasswordResult> {
  const resolved = await resolveStaffLink({ token, now })
  if (resolved.state !== 'valid' || !resolved.link) return { ok: false, errors: {}, dead: true }
  const { link } = resolved
  const errors: StaffSetupErrors = {}

  let identity = resolved.staff ? { username: resolved.staff.username, email: resolved.staff.email, displayName: resolved.staff.displayName ?? undefined } : undefined
  if (link.purpose === 'FIRST_ADMIN') {
    const parsed = ZStaffIdentity.safeParse({ username: input.username ?? '', email: input.email ?? '', displayName: input.displayName })
    if (parsed.success) identity = parsed.data
    else for (const issue of parsed.error.issues) errors[issue.path[0] as 'username' | 'email' | 'displayName'] ??= [issue.message]
  }
  const problems = checkStaffPassword({ password: input.password, username: identity?.username, email: identity?.email })
  if (problems.length) errors.password = problems
  else if (input.password !== input.passwordConfirm) errors.passwordConfirm = ['The two passwords do not match. Type the same password twice.']
  if (Object.keys(errors).length || !identity) return { ok: false, errors }

  const passwordHash = await hashPassword({ password: input.password })
  const browser = generateUrlToken()
  try {
    const staff = await getDb().$transaction(async (tx) => {
      let staffId = resolved.staff?.id
      if (!staffId) {
        const created = await tx.staffUser.create({ data: { username: identity.username, email: identity.email, displayName: identity.displayName ?? null, role: 'ADMIN', createdAt: now }, select: { id: true } })
        staffId = created.id
        await tx.auditEvent.create({ data: auditEventData({ action: 'staff.created', actor: { type: 'STAFF', id: staffId, label: identity.username }, context, subject: { type: 'staff', id: staffId, label: identity.username }, details: { role: 'admin', via: 'first-admin-link' } }) })
      } else if (link.purpose === 'FIRST_ADMIN') {
        await tx.staffUser.update({ where: { id: staffId }, data: { username: identity.username, email: identity.email, displayName: identity.displayName ?? null } })
      }
      const sealed = sealSecret({ plaintext: generateOtpSecret(), context: staffSecretContext(staffId) })
      const updated = await tx.staffUser.updateMany({
        where: { id: staffId, activatedAt: null },
        data: { passwordHash, passwordSetAt: now, totpSecretCiphertext: sealed.ciphertext, totpSecretKeyId: sealed.keyId, totpLastTimeStep: null },
      })
      const bound = await tx.staffLink.updateMany({ where: { id: link.id, usedAt: null }, data: { staffUserId: staffId, browserHash: keyedHash({ purpose: 'browser-binding', value: browser }) } })
      if (updated.count !== 1 || bound.count !== 1) return null
      await recordAuditEvent({ tx, action: 'staff.password-chosen', actor: { type: 'STAFF', id: staffId, label: identity.username }, context, subject: { type: 'staff', id: staffId, label: identity.username }, details: { linkId: link.id, purpose: link.purpose } })
      return staffId
    })
    if (!staff) return { ok: false, errors: {}, dead: true }
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return { ok: false, errors: { username: ['That username is taken by another staff account.'] } }
    throw error
  }
  return { ok: true, browser, expiresAt: link.expiresAt }
}
