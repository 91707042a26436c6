import 'server-only'
import { getDb, type Db } from './client'

/** True when the database answers a trivial query. Used by the health check; never throws. */
export async function checkDatabase({ db }: { db?: Db } = {}): Promise<boolean> {
  try {
    await (db ?? getDb()).$queryRawUnsafe('SELECT 1')
    return true
  } catch {
    return false
  }
}
