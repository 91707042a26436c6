import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { serverEnv } from '../server-env'
import { updateServerDb } from './server-db'
import { runServerScript } from './server-script'

/** Runs the real `portal` CLI against the server's database, as an administrator would. */
export function portal(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bin/portal.mjs', ...args], { env: { ...process.env, ...serverEnv().env }, encoding: 'utf8' })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

export type TestUser = { username: string; email: string; name: string }

/** A user of this test's own, so tests never share state. */
export function addTestUser(prefix = 'e2e'): TestUser {
  const id = randomBytes(4).toString('hex')
  const user = { username: `${prefix}-${id}`, email: `${prefix}-${id}@example.com`, name: `Sam ${id.toUpperCase()}` }
  const result = portal(['user', 'add', '--username', user.username, '--email', user.email, '--name', user.name])
  if (result.code !== 0) throw new Error(`portal user add failed: ${result.stderr}`)
  return user
}

/**
 * Moves time for one user's invitations, which a person cannot do from a
 * browser: a link that expired, or that enrollment consumed.
 */
export function updateInvitations(username: string, change: { expired?: boolean; used?: boolean }): void {
  const where = `WHERE "userId" = (SELECT "id" FROM "User" WHERE "username" = ?)`
  if (change.expired) updateServerDb(`UPDATE "EnrollmentInvitation" SET "expiresAt" = ? ${where}`, '2020-01-01T00:00:00.000+00:00', username)
  if (change.used) updateServerDb(`UPDATE "EnrollmentInvitation" SET "usedAt" = ? ${where}`, new Date().toISOString().replace('Z', '+00:00'), username)
}

/** Many users at once, `<prefix>-0` … (seed-users.mts: the CLI adds one per process). Returns their usernames. */
export function seedUsers(prefix: string, count: number): string[] {
  return JSON.parse(runServerScript('seed-users.mts', [prefix, String(count)])) as string[]
}
