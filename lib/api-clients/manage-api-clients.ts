import 'server-only'
import { z } from 'zod'
import { Prisma } from '@/generated/prisma/client'
import { auditEventData, type AuditActor } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { firstIssueMessage } from '@/lib/validation'
import { generateApiKey } from './api-key'

export const ZApiClientName = z
  .string()
  .trim()
  .min(1, 'Give the API client a name')
  .max(64, 'API client names are at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, 'API client names may contain letters, digits, spaces, dots, hyphens and underscores')

function parseName(name: string): string {
  const parsed = ZApiClientName.safeParse(name)
  if (!parsed.success) throw new AppError('INVALID_INPUT', firstIssueMessage(parsed.error))
  return parsed.data
}

/** Creates a gateway's API client. The key is returned once; only its keyed hash is stored. */
export async function createApiClient({ name, actor }: { name: string; actor: AuditActor }) {
  const clientName = parseName(name)
  const { key, keyHash, keyPrefix } = generateApiKey()
  try {
    const client = await getDb().$transaction(async (tx) => {
      const created = await tx.apiClient.create({ data: { name: clientName, keyHash, keyPrefix, createdBy: actor.label ?? null } })
      await tx.auditEvent.create({ data: auditEventData({ action: 'apikey.created', actor, subject: { type: 'api-client', id: created.id, label: clientName }, details: { keyPrefix } }) })
      return created
    })
    return { id: client.id, name: client.name, keyPrefix, key }
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('ALREADY_EXISTS', `An API client named ${clientName} already exists; revoke it first or choose another name`)
    }
    throw error
  }
}

export async function listApiClients() {
  return getDb().apiClient.findMany({
    orderBy: { name: 'asc' },
    select: { id: true, name: true, keyPrefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  })
}

/**
 * Revokes a client's key at once: the next request with it gets 401. The
 * row stays (renamed aside) for the audit trail, so the name can be reused.
 */
export async function revokeApiClient({ name, actor, now = new Date() }: { name: string; actor: AuditActor; now?: Date }) {
  const clientName = parseName(name)
  return getDb().$transaction(async (tx) => {
    const client = await tx.apiClient.findUnique({ where: { name: clientName } })
    if (!client || client.revokedAt) throw new AppError('NOT_FOUND', `No active API client named ${clientName}`)
    await tx.apiClient.update({ where: { id: client.id }, data: { revokedAt: now, name: `${client.name} (revoked ${now.toISOString()})` } })
    await tx.auditEvent.create({ data: auditEventData({ action: 'apikey.revoked', actor, subject: { type: 'api-client', id: client.id, label: clientName } }) })
    return { id: client.id, name: clientName, keyPrefix: client.keyPrefix }
  })
}
