import 'server-only'
import { getHotSql, sql } from '@/lib/db'
import { hashApiKey, isApiKeyShape } from './api-key'

export type ApiClientIdentity = { id: string; name: string }

// Last-used time is written at most once a minute per client: an exact
// timestamp on every validation would be a write per request for no reader.
const LAST_USED_RESOLUTION_MS = 60_000

/** The client behind `Authorization: Bearer <key>`, or null. A revoked key is no key. */
export async function authenticateApiClient({ authorization, now = new Date() }: { authorization: string | null; now?: Date }): Promise<ApiClientIdentity | null> {
  const match = /^Bearer ([^\s]+)$/.exec(authorization ?? '')
  if (!match || !isApiKeyShape(match[1]!)) return null
  // Every gateway request passes here: hot-path SQL (lib/db/hot-sql).
  const hot = getHotSql()
  const [client] = await hot.query<{ id: string; name: string; revokedAt: Date | string | null; lastUsedAt: Date | string | null }>(
    sql`SELECT "id", "name", "revokedAt", "lastUsedAt" FROM "ApiClient" WHERE "keyHash" = ${hashApiKey(match[1]!)}`,
  )
  if (!client || client.revokedAt) return null
  if (!client.lastUsedAt || now.getTime() - new Date(client.lastUsedAt).getTime() > LAST_USED_RESOLUTION_MS) {
    await hot.execute(sql`UPDATE "ApiClient" SET "lastUsedAt" = ${now} WHERE "id" = ${client.id} AND "revokedAt" IS NULL`)
  }
  return { id: client.id, name: client.name }
}
