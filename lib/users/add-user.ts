import 'server-only'
import { Prisma } from '@/generated/prisma/client'
import { recordAuditEvent, type AuditActor, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { firstIssueMessage } from '@/lib/validation'
import { displayNameKey, ZUserInput, type TUserInput } from './schemas'

export type AddedUser = { id: string; username: string; email: string; displayName: string | null; groups: string[] }

/** Creates a user (and any new groups), audited in the same transaction. */
export async function addUser({
  input,
  actor,
  context,
}: {
  input: TUserInput
  actor: AuditActor
  context?: AuditContext
}): Promise<AddedUser> {
  const parsed = ZUserInput.safeParse(input)
  if (!parsed.success) throw new AppError('INVALID_INPUT', firstIssueMessage(parsed.error))
  const { username, email, displayName, groups } = parsed.data
  const uniqueGroups = [...new Set(groups)]

  try {
    return await getDb().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          username,
          email,
          displayName,
          displayNameKey: displayName ? displayNameKey(displayName) : null,
          groups: {
            connectOrCreate: uniqueGroups.map((name) => ({ where: { name }, create: { name } })),
          },
        },
        include: { groups: { select: { name: true }, orderBy: { name: 'asc' } } },
      })
      await recordAuditEvent({
        tx,
        action: 'user.created',
        actor,
        context,
        subject: { type: 'user', id: user.id, label: user.username },
        details: uniqueGroups.length ? { groups: uniqueGroups.join(',') } : undefined,
      })
      return {
        id: user.id,
        username: user.username,
        email: user.email,
        displayName: user.displayName,
        groups: user.groups.map((g) => g.name),
      }
    })
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('ALREADY_EXISTS', `A user named ${username} already exists`)
    }
    throw error
  }
}
