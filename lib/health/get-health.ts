import 'server-only'
import { getConfig } from '@/lib/config'
import { checkDatabase } from '@/lib/db'
import { checkMailDelivery } from '@/lib/mail'

export type Health = {
  status: 'ok' | 'unavailable'
  database: 'ok' | 'unreachable'
  /** "outbox": no SMTP_URL, mail stays in the local outbox; "degraded": deliveries fail and wait for a retry. */
  mail: 'ok' | 'outbox' | 'degraded'
}

// Load balancers poll health many times a second; the mail state is read at
// most once a second per process, so polling costs one trivial query.
const MAIL_STATE_TTL_MS = 1000
let mailState: { at: number; value: Promise<'ok' | 'degraded'> } | undefined

function mailDelivery(now: number): Promise<'ok' | 'degraded'> {
  if (!mailState || Math.abs(now - mailState.at) >= MAIL_STATE_TTL_MS) {
    mailState = { at: now, value: checkMailDelivery().catch(() => 'ok' as const) }
  }
  return mailState.value
}

/** The gateway's "check connection": can we answer validation requests? Mail never makes the portal unavailable. */
export async function getHealth({ now = Date.now() }: { now?: number } = {}): Promise<Health> {
  const databaseOk = await checkDatabase()
  const smtp = Boolean(getConfig().smtpUrl)
  return {
    status: databaseOk ? 'ok' : 'unavailable',
    database: databaseOk ? 'ok' : 'unreachable',
    mail: !smtp ? 'outbox' : databaseOk ? await mailDelivery(now) : 'ok',
  }
}
