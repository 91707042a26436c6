import { runServerScript } from './server-script'

/** Older audit events about a user (see seed-audit.mts), for paging. */
export function seedAuditEvents(username: string, count: number): void {
  runServerScript('seed-audit.mts', [username, String(count)])
}
