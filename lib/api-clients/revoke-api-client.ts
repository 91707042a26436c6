import 'server-only'
import { auditEventData, type AuditActor, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { parseApiClientName } from './api-client-name'

/**
 * Revokes a client's key at once: the next request with it gets 401, on
 * every instance (the key is looked up on each request, never cached). The
 * row stays (renamed aside) for the audit trail, so the name can be reused.
 * By name (the CLI) or by id (the admin page).
 */
export async function revokeApiClient({ name, id, actor, context, now = new Date() }: { name?: string; id?: string; actor: AuditActor; context?: AuditContext; now?: Date }) {
  const where = id !== undefined ? { id } : { name: parseApiClientName(name ?? '') }
  return getDb().$transaction(async (tx) => {
    const client = await tx.apiClient.findUnique({ where })
    if (!client || client.revokedAt) throw new AppError('NOT_FOUND', id !== undefined ? 'No such active API client' : `No active API client named ${where.name}`)
    await tx.apiClient.update({ where: { id: client.id }, data: { revokedAt: now, name: `${client.name} (revoked ${now.toISOString()})` } })
    await tx.auditEvent.create({ data: auditEventData({ action: 'apikey.revoked', actor, context, subject: { type: 'api-client', id: client.id, label: client.name }, details: { keyPrefix: client.keyPrefix } }) })
    return { id: client.id, name: client.name, keyPrefix: client.keyPrefix }
  })
}
