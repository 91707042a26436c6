import 'server-only'
import type { Db } from './client'

/** True when the database answers a trivial query. Used by the health check. */
export async function checkDatabase({ db }: { db: Db }): Promise<boolean> {
  try {
    await db.$queryRawUnsafe('SELECT 1')
    return true
  } catch {
    return false
  }
}
