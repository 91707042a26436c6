import 'server-only'
import { getConfig } from '@/lib/config'
import { checkDatabase } from '@/lib/db'

export type Health = {
  status: 'ok' | 'unavailable'
  database: 'ok' | 'unreachable'
  /** "outbox": no SMTP_URL, mail stays in the local outbox. */
  mail: 'ok' | 'outbox'
}

/** The gateway's "check connection": can we answer validation requests? */
export async function getHealth(): Promise<Health> {
  const databaseOk = await checkDatabase()
  return {
    status: databaseOk ? 'ok' : 'unavailable',
    database: databaseOk ? 'ok' : 'unreachable',
    mail: getConfig().smtpUrl ? 'ok' : 'outbox',
  }
}
