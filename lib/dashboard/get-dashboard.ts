import 'server-only'
import { getDb } from '@/lib/db'
import { getSettings } from '@/lib/settings'
import { countEnrollmentFunnel, type EnrollmentFunnel } from './count-enrollment-funnel'
import { countTokens, type TokenCounts } from './count-tokens'
import { countValidationsByDay, type ValidationDay } from './count-validations-by-day'

export type Dashboard = {
  /** When the figures were read. */
  at: Date
  users: { total: number; active: number }
  funnel: EnrollmentFunnel
  tokens: TokenCounts
  validations: ValidationDay[]
  /** Nothing to show yet: no user, no token, no validation in the period. */
  empty: boolean
}

export const DASHBOARD_DAYS = 30
export const PIN_DUE_DAYS = 14

/** Everything the admin dashboard (/admin) shows, read at once. */
export async function getDashboard({ now = new Date() }: { now?: Date } = {}): Promise<Dashboard> {
  const db = getDb()
  const settings = await getSettings()
  const [total, active, funnel, tokens, validations] = await Promise.all([
    db.user.count(),
    db.user.count({ where: { status: 'ACTIVE' } }),
    countEnrollmentFunnel(),
    countTokens({ pinMaxAgeDays: settings.pinMaxAgeDays, dueWithinDays: PIN_DUE_DAYS, now }),
    countValidationsByDay({ days: DASHBOARD_DAYS, now }),
  ])
  const anyToken = Object.values(tokens.byState).some((n) => n > 0)
  const anyValidation = validations.some((d) => d.accepted + d.rejected + d.locked > 0)
  return { at: now, users: { total, active }, funnel, tokens, validations, empty: total === 0 && !anyToken && !anyValidation }
}
