// Pure: audit events as CSV (RFC 4180: comma-separated, CRLF line ends,
// quoted where needed) that is also safe to open in a spreadsheet.
import type { AuditRow } from './list-audit-events'

export const AUDIT_CSV_COLUMNS = ['time', 'action', 'actor_type', 'actor', 'actor_id', 'subject_type', 'subject', 'subject_id', 'ip', 'user_agent', 'details', 'id'] as const

/**
 * One cell. Labels, user agents and details come from outside (a username
 * typed at sign-in, a client's User-Agent), and a spreadsheet runs a cell
 * that starts with = + - @ (or a tab or CR before one) as a formula
 * (CSV injection, OWASP): such cells get a leading apostrophe, which shows
 * the text as typed. Then quotes, commas and line breaks are quoted.
 */
export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return ''
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function csvLine(cells: readonly (string | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`
}

export function auditCsvHeader(): string {
  return csvLine(AUDIT_CSV_COLUMNS)
}

export function auditCsvLine(e: AuditRow): string {
  return csvLine([e.at.toISOString(), e.action, e.actorType.toLowerCase(), e.actorLabel, e.actorId, e.subjectType, e.subjectLabel, e.subjectId, e.ip, e.userAgent, e.details, e.id])
}
