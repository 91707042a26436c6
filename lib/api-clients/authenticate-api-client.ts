import 'server-only'
import { getHotSql, sql } from '@/lib/db'
import { insertAuditEvent } from '@/lib/validate/validation-queries'
import { isAddressAllowed } from './allowed-addresses'
import { hashApiKey, isApiKeyShape } from './api-key'

export type ApiClientIdentity = { id: string; name: string }

// Last use (time and client address) is written at most once a minute per
// client: an exact record of every validation would be a write per request
// for no reader (docs/decisions/005 and 016).
export const LAST_USED_RESOLUTION_MS = 60_000

/**
 * The client behind `Authorization: Bearer <key>`, or null. A revoked key is
 * no key, and so is a key used from outside its allowed addresses (`address`:
 * the connection's client address, after TRUSTED_PROXIES; not the end user's
 * address a gateway puts in the body). No cache: a revocation or a changed
 * list holds from the next request, on every instance.
 */
export async function authenticateApiClient({
  authorization,
  address = null,
  userAgent = null,
  now = new Date(),
}: {
  authorization: string | null
  address?: string | null
  userAgent?: string | null
  now?: Date
}): Promise<ApiClientIdentity | null> {
  const match = /^Bearer ([^\s]+)$/.exec(authorization ?? '')
  if (!match || !isApiKeyShape(match[1]!)) return null
  // Every gateway request passes here: hot-path SQL (lib/db/hot-sql).
  const hot = getHotSql()
  const [client] = await hot.query<{ id: string; name: string; keyPrefix: string; revokedAt: Date | string | null; lastUsedAt: Date | string | null; allowedAddresses: string }>(
    sql`SELECT "id", "name", "keyPrefix", "revokedAt", "lastUsedAt", "allowedAddresses" FROM "ApiClient" WHERE "keyHash" = ${hashApiKey(match[1]!)}`,
  )
  if (!client || client.revokedAt) return null
  if (!isAddressAllowed(client.allowedAddresses, address)) {
    // The caller holds a real key: worth a line in the log, which the same
    // 401 as a bad key does not tell them.
    await insertAuditEvent({
      at: now,
      action: 'apikey.refused',
      actor: { type: 'API_CLIENT', id: client.id, label: client.name },
      subject: { type: 'api-client', id: client.id, label: client.name },
      context: { ip: address, userAgent },
      details: { reason: 'address-not-allowed', keyPrefix: client.keyPrefix },
    })
    return null
  }
  if (!client.lastUsedAt || now.getTime() - new Date(client.lastUsedAt).getTime() > LAST_USED_RESOLUTION_MS) {
    await hot.execute(sql`UPDATE "ApiClient" SET "lastUsedAt" = ${now}, "lastUsedAddress" = ${address} WHERE "id" = ${client.id} AND "revokedAt" IS NULL`)
  }
  return { id: client.id, name: client.name }
}
