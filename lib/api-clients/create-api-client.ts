import 'server-only'
import { Prisma } from '@/generated/prisma/client'
import { auditEventData, type AuditActor } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { parseApiClientName } from './api-client-name'
import { generateApiKey } from './api-key'

/** Creates a gateway's API client. The key is returned once; only its keyed hash is stored. */
export async function createApiClient({ name, actor }: { name: string; actor: AuditActor }) {
  const clientName = parseApiClientName(name)
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

