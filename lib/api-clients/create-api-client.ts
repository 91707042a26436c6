import 'server-only'
import { Prisma } from '@/generated/prisma/client'
import { auditEventData, type AuditActor, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { allowedAddressList } from './allowed-addresses'
import { generateApiKey } from './api-key'
import { checkApiClientInput } from './check-api-client-input'

/**
 * Creates a gateway's API client, optionally limited to some client
 * addresses. The key is returned once; only its keyed hash is stored, and it
 * goes neither into the audit log nor anywhere else.
 */
export async function createApiClient({ name, allowedAddresses = '', actor, context }: { name: string; allowedAddresses?: string; actor: AuditActor; context?: AuditContext }) {
  const checked = checkApiClientInput({ name, allowedAddresses })
  if (!checked.ok) throw new AppError('INVALID_INPUT', Object.values(checked.errors).flat()[0]!)
  const { key, keyHash, keyPrefix } = generateApiKey()
  try {
    const client = await getDb().$transaction(async (tx) => {
      const created = await tx.apiClient.create({ data: { name: checked.name, keyHash, keyPrefix, allowedAddresses: checked.allowedAddresses, createdBy: actor.label ?? null } })
      await tx.auditEvent.create({
        data: auditEventData({
          action: 'apikey.created',
          actor,
          context,
          subject: { type: 'api-client', id: created.id, label: checked.name },
          details: { keyPrefix, allowedAddresses: checked.allowedAddresses || 'anywhere' },
        }),
      })
      return created
    })
    return { id: client.id, name: client.name, keyPrefix, allowedAddresses: allowedAddressList(client.allowedAddresses), key }
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('ALREADY_EXISTS', `An API client named ${checked.name} already exists; revoke it first or choose another name`)
    }
    throw error
  }
}
