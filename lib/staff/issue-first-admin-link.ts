import 'server-only'
import type { AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { createStaffLink } from './create-staff-link'

/** Whether an administrator can sign in: set up, not disabled. Pending or disabled ones do not count. */
export async function hasActiveAdmin({ db = getDb() }: { db?: Pick<ReturnType<typeof getDb>, 'staffUser'> } = {}): Promise<boolean> {
  return (await db.staffUser.count({ where: { role: 'ADMIN', activatedAt: { not: null }, disabledAt: null } })) > 0
}

/**
 * While no administrator exists: a one-time URL (one hour) where the first
 * one sets up their account. `npm start` prints a new one on each start
 * (`createdBy: 'console'`) and `portal staff setup-url` on request. Null
 * once an administrator exists: from then on, admins add staff.
 */
export async function issueFirstAdminLink({ createdBy, context, now = new Date() }: { createdBy: 'console' | 'cli'; context?: AuditContext; now?: Date }): Promise<{ url: string; expiresAt: Date } | null> {
  return getDb().$transaction(async (tx) => {
    if (await hasActiveAdmin({ db: tx })) return null
    const { url, expiresAt } = await createStaffLink({ tx, purpose: 'FIRST_ADMIN', actor: { type: 'SYSTEM', label: createdBy }, context, createdBy, now })
    return { url, expiresAt }
  })
}
