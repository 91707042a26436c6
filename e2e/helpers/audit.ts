import { spawnSync } from 'node:child_process'
import { serverEnv } from '../server-env'

/** Older audit events about a user (see seed-audit.mts), for paging. */
export function seedAuditEvents(username: string, count: number): void {
  const result = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'e2e/helpers/seed-audit.mts', username, String(count)], {
    env: { ...process.env, ...serverEnv().env },
    encoding: 'utf8',
  })
  if (result.status !== 0) throw new Error(`seeding audit events failed: ${result.stderr}`)
}
