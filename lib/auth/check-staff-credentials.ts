import 'server-only'
import { randomBytes } from 'node:crypto'
import { recordAuditEvent, type AuditContext } from '@/lib/audit'
import { hashPassword, passwordNeedsRehash, verifyPassword } from '@/lib/crypto'
import { getDb } from '@/lib/db'
import { generateOtpSecret, verifyTotp } from '@/lib/otp'
import { getSettings } from '@/lib/settings'
import { readStaffSecret } from '@/lib/staff'
import { isLockActive, lockLiftsAt, reachesLockout, type LockPolicy } from '@/lib/validate'

/**
 * Staff lockout, the validation API's approach (lib/validate/lockout): after
 * Settings.staffLockoutThreshold failed sign-ins in a row (default 5) the
 * account locks for staffLockMinutes (default 15), doubling with each further
 * lock before a successful sign-in, up to autoUnlockMaxMinutes (a day). A
 * staff lock always lifts by itself, so a stranger's guessing cannot keep
 * every admin out for good.
 */
export function staffLockPolicy(settings: { staffLockoutThreshold: number; staffLockMinutes: number; autoUnlockMaxMinutes: number }): LockPolicy {
  return { lockoutThreshold: settings.staffLockoutThreshold, autoUnlockMinutes: settings.staffLockMinutes, autoUnlockMaxMinutes: settings.autoUnlockMaxMinutes }
}

export type StaffCredentialCheck =
  | { ok: true; staff: { id: string; username: string } }
  | { ok: false; reason: 'unknown' | 'not-set-up' | 'wrong' | 'replayed' | 'locked'; unlocksAt?: Date | null; passwordRight: boolean }

// Checked in place of a real account when there is none, so an unknown
// username costs the same argon2 and TOTP work as a known one.
let decoy: Promise<{ hash: string; secret: string }> | undefined
const getDecoy = () => (decoy ??= hashPassword({ password: randomBytes(16).toString('hex') }).then((hash) => ({ hash, secret: generateOtpSecret() })))

/**
 * Password and current code of one staff account, both always checked (a
 * wrong password costs what a wrong code costs). The code is used up with a
 * conditional update of the last accepted time step, so of two identical
 * attempts exactly one succeeds. A replayed code is refused without counting
 * as a guess; every other failure counts toward the lock. An old scrypt
 * hash is replaced by argon2id on success.
 */
export async function checkStaffCredentials({
  username,
  password,
  code,
  context,
  audit,
  now = new Date(),
}: {
  username: string
  password: string
  code: string
  context: AuditContext
  audit: { accepted: string; rejected: string }
  now?: Date
}): Promise<StaffCredentialCheck> {
  const db = getDb()
  const staff = await db.staffUser.findUnique({ where: { username } })
  const usable = staff && staff.activatedAt && !staff.disabledAt && staff.passwordHash && staff.totpSecretCiphertext && staff.totpSecretKeyId ? staff : null
  const fallback = await getDecoy()
  const passwordRight = (await verifyPassword({ password, hash: usable?.passwordHash ?? fallback.hash })) && !!usable
  const secret = usable ? readStaffSecret({ staff: { id: usable.id, totpSecretCiphertext: usable.totpSecretCiphertext!, totpSecretKeyId: usable.totpSecretKeyId! } }) : fallback.secret
  const settings = await getSettings()
  const match = verifyTotp({ secret, code: code.replace(/[\s-]/g, ''), window: Math.max(settings.totpWindow, 0), now: now.getTime() })

  const actor = { type: 'STAFF' as const, id: staff?.id, label: staff?.username ?? username }
  const subject = staff ? { type: 'staff', id: staff.id, label: staff.username } : undefined
  const reject = async (reason: 'unknown' | 'not-set-up' | 'wrong' | 'replayed' | 'locked', unlocksAt?: Date | null): Promise<StaffCredentialCheck> => {
    await recordAuditEvent({ action: audit.rejected, actor, subject, context, details: { reason } })
    return { ok: false, reason, unlocksAt, passwordRight }
  }
  if (!staff) return reject('unknown')
  if (!usable) return reject('not-set-up')
  if (isLockActive({ lockedAt: usable.lockedAt, lockedUntil: usable.lockedUntil, now })) return reject('locked', usable.lockedUntil)

  if (passwordRight && match.valid) {
    const won = await db.staffUser.updateMany({
      where: { id: usable.id, OR: [{ totpLastTimeStep: null }, { totpLastTimeStep: { lt: match.timeStep } }] },
      data: { totpLastTimeStep: match.timeStep, failedAttempts: 0, lockedAt: null, lockedUntil: null, lockCount: 0, lastSignInAt: now },
    })
    if (won.count !== 1) return reject('replayed')
    if (passwordNeedsRehash({ hash: usable.passwordHash! })) {
      await db.staffUser.update({ where: { id: usable.id }, data: { passwordHash: await hashPassword({ password }) } })
      await recordAuditEvent({ action: 'staff.password-rehashed', actor, subject, context, details: { scheme: 'argon2id' } })
    }
    await recordAuditEvent({ action: audit.accepted, actor, subject, context })
    return { ok: true, staff: { id: usable.id, username: usable.username } }
  }
  // A failure after a lock lifted starts a fresh count; the lock history stays, so the next lock lasts longer.
  const lifted = usable.lockedAt !== null
  const counted = await db.staffUser.update({ where: { id: usable.id }, data: lifted ? { failedAttempts: 1, lockedAt: null, lockedUntil: null } : { failedAttempts: { increment: 1 } }, select: { failedAttempts: true, lockCount: true } })
  if (reachesLockout(counted.failedAttempts, staffLockPolicy(settings))) {
    const lockedUntil = lockLiftsAt({ earlierLocks: counted.lockCount, policy: staffLockPolicy(settings), now })
    await db.staffUser.update({ where: { id: usable.id }, data: { lockedAt: now, lockedUntil, lockCount: { increment: 1 }, failedAttempts: 0 } })
    await recordAuditEvent({ action: 'staff.locked', actor: { type: 'SYSTEM', label: 'system' }, subject, context, details: { until: lockedUntil?.toISOString() ?? null, locks: counted.lockCount + 1 } })
    return reject('wrong', lockedUntil)
  }
  return reject('wrong')
}
