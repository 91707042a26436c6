import 'server-only'
import { Prisma, type StaffRole } from '@/generated/prisma/client'
import type { AuditActor, AuditContext } from '@/lib/audit'
import { auditEventData } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { brandFromSettings, queueEmail } from '@/lib/mail'
import { getSettings } from '@/lib/settings'
import { firstIssueMessage } from '@/lib/validation'
import { createStaffLink } from './create-staff-link'
import { ZStaffInput, type TStaffInput } from './schemas'

export type AddedStaffUser = { id: string; username: string; email: string; role: 'helpdesk' | 'admin'; setupLinkExpiresAt: Date }

/**
 * A new staff account that cannot sign in yet: its set-up link (24 hours,
 * stored as a keyed hash) goes out by email, where the staff member chooses
 * a password and adds an authenticator. Account, link, email and audit
 * events are one transaction.
 */
export async function addStaffUser({ input, actor, context, now = new Date() }: { input: TStaffInput; actor: AuditActor; context?: AuditContext; now?: Date }): Promise<AddedStaffUser> {
  const parsed = ZStaffInput.safeParse(input)
  if (!parsed.success) throw new AppError('INVALID_INPUT', firstIssueMessage(parsed.error))
  const { username, email, displayName, role } = parsed.data
  const settings = await getSettings()
  try {
    return await getDb().$transaction(async (tx) => {
      const staff = await tx.staffUser.create({ data: { username, email, displayName: displayName ?? null, role, createdAt: now }, select: { id: true, username: true } })
      await tx.auditEvent.create({ data: auditEventData({ action: 'staff.created', actor, context, subject: { type: 'staff', id: staff.id, label: username }, details: { role: roleName(role) } }) })
      const link = await createStaffLink({ tx, purpose: 'SETUP', staffUser: staff, actor, context, createdBy: actor.label ?? 'cli', now })
      await queueEmail({
        tx,
        actor,
        to: email,
        template: 'staff-setup',
        brand: brandFromSettings(settings),
        props: { name: displayName ?? username, username, role: roleName(role), link: link.url, expiresAt: link.expiresAt },
      })
      return { id: staff.id, username, email, role: roleName(role), setupLinkExpiresAt: link.expiresAt }
    })
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new AppError('ALREADY_EXISTS', `A staff account named ${username} already exists`)
    throw error
  }
}

export const roleName = (role: StaffRole): 'helpdesk' | 'admin' => (role === 'ADMIN' ? 'admin' : 'helpdesk')
