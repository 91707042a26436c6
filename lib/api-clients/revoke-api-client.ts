import 'server-only'
import { auditEventData, type AuditActor } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { parseApiClientName } from './api-client-name'

/**
 * Revokes a client's key at once: the next request with it gets 401. The
 * row stays (renamed aside) for the audit trail, so the name can be reused.
 */
export async function revokeApiClient({ name, actor, now = new Date() }: { name: string; actor: AuditActor; now?: Date }) {
  const clientName = parseApiClientName(name)
  return getDb().$transaction(async (tx) => {
    const client = await tx.apiClient.findUnique({ where: { name: clientName } })
    if (!client || client.revokedAt) throw new AppError('NOT_FOUND', `No active API client named ${clientName}`)
    await tx.apiClient.update({ where: { id: client.id }, data: { revokedAt: now, name: `${client.name} (revoked ${now.toISOString()})` } })
    await tx.auditEvent.create({ data: auditEventData({ action: 'apikey.revoked', actor, subject: { type: 'api-client', id: client.id, label: clientName } }) })
    return { id: client.id, name: clientName, keyPrefix: client.keyPrefix }
  })
}
