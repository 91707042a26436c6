import { z } from 'zod'

// The audit view's filters and page cursors, as they arrive in a URL
// (/staff/audit?…, /staff/audit/export?…). Anything malformed reads as absent.

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)))
// Cut to length rather than dropped: a filter too long to match anything
// must narrow the view (and an export) to nothing, never widen it to all.
const text = (max: number) => z.string().transform((s) => s.trim().slice(0, max))

export const ZAuditFilters = z.object({
  /** A user's username: events about the user or one of the user's tokens. */
  user: text(64).catch('').default(''),
  /** A staff member's username (or id): events that staff member did. */
  staff: text(64).catch('').default(''),
  /** The start of an action, e.g. "token." or "staff.signed-in". */
  action: text(64).catch('').default(''),
  /** First and last day, in UTC, both included (YYYY-MM-DD). */
  from: day.catch('').default(''),
  to: day.catch('').default(''),
})

export type TAuditFilters = z.output<typeof ZAuditFilters>

/** A position in the log: an event's time (ms) and id, e.g. "1764309581123-cmabc…". */
const ZCursorToken = z
  .string()
  .regex(/^\d{1,15}-[\w-]{1,64}$/)
  .transform((s) => {
    const dash = s.indexOf('-')
    return { at: new Date(Number(s.slice(0, dash))), id: s.slice(dash + 1) }
  })

export type AuditCursor = { at: Date; id: string; direction: 'older' | 'newer' }

export const ZAuditPageQuery = ZAuditFilters.extend({
  /** Events older than this one (the "Older" link). */
  older: ZCursorToken.optional().catch(undefined),
  /** Events newer than this one (the "Newer" link). */
  newer: ZCursorToken.optional().catch(undefined),
}).transform(({ older, newer, ...filters }) => ({
  filters,
  cursor: older ? { ...older, direction: 'older' as const } : newer ? { ...newer, direction: 'newer' as const } : undefined,
}))

/** The URL form of a cursor (see ZAuditPageQuery). */
export function auditCursorToken(event: { at: Date; id: string }): string {
  return `${event.at.getTime()}-${event.id}`
}

/** The filters that are set, as URL parameters (for links that keep them). */
export function auditFilterParams(filters: TAuditFilters): URLSearchParams {
  return new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''))
}

/** Known starts of actions, offered in the filter (free text works too). */
export const AUDIT_ACTION_PREFIXES = [
  'apikey.',
  'audit.',
  'enrollment.',
  'inventory.',
  'invitation.',
  'mail.',
  'pin.',
  'recovery-codes.',
  'staff.',
  'staff-link.',
  'temp-passcode.',
  'token.',
  'user.',
  'user-link.',
  'validate.',
] as const
