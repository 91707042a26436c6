import 'server-only'
import { auditEventData, type AuditActor, type AuditContext } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { allowedAddressList, parseAllowedAddresses } from './allowed-addresses'

/**
 * Replaces an active client's allowed addresses (empty: anywhere), audited
 * with the list before and after. The validation API reads the list on every
 * request, so the change holds from the next one, on every instance.
 */
export async function changeApiClientAddresses({ id, allowedAddresses, actor, context }: { id: string; allowedAddresses: string; actor: AuditActor; context?: AuditContext }) {
  const parsed = parseAllowedAddresses(allowedAddresses)
  if (!parsed.ok) throw new AppError('INVALID_INPUT', parsed.message)
  return getDb().$transaction(async (tx) => {
    const client = await tx.apiClient.findUnique({ where: { id } })
    if (!client || client.revokedAt) throw new AppError('NOT_FOUND', 'No such active API client')
    if (client.allowedAddresses !== parsed.stored) {
      await tx.apiClient.update({ where: { id }, data: { allowedAddresses: parsed.stored } })
      await tx.auditEvent.create({
        data: auditEventData({
          action: 'apikey.addresses-changed',
          actor,
          context,
          subject: { type: 'api-client', id, label: client.name },
          details: { before: client.allowedAddresses || 'anywhere', after: parsed.stored || 'anywhere' },
        }),
      })
    }
    return { id, name: client.name, allowedAddresses: allowedAddressList(parsed.stored) }
  })
}
