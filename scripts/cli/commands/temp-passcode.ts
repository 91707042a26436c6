import { CLI_ACTOR } from '@/lib/audit'
import { getDb } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { formatTemporaryPasscode, issueTemporaryPasscode } from '@/lib/temp-passcodes'
import { normalizeUsername } from '@/lib/users'
import type { Output } from '../output'
import { parseOptions } from '../parse-options'
import { UsageError } from '../usage-error'

export const TEMP_PASSCODE_USAGE = ['portal temp-passcode <username> [--hours <n>] [--single-use]']

/** For someone whose token is out of reach: prints a temporary passcode once. */
export async function runTempPasscode(args: string[], out: Output): Promise<void> {
  const [username, ...rest] = args
  if (!username || username.startsWith('--')) throw new UsageError(`name the user; usage: ${TEMP_PASSCODE_USAGE[0]}`)
  const opts = parseOptions(rest, { hours: { type: 'string' }, 'single-use': { type: 'boolean' } })
  const rawHours = opts.string('hours')
  const hours = rawHours === undefined ? undefined : Number(rawHours)
  if (hours !== undefined && !(Number.isInteger(hours) && /^\d+$/.test(rawHours!))) throw new UsageError('--hours must be a whole number of hours')
  const singleUse = rest.includes('--single-use')

  const user = await getDb().user.findUnique({ where: { username: normalizeUsername(username) }, select: { id: true, username: true } })
  if (!user) throw new AppError('NOT_FOUND', `No user named ${username}`)
  const issued = await issueTemporaryPasscode({ userId: user.id, hours, singleUse, actor: CLI_ACTOR })
  out.result(
    { username: user.username, passcode: issued.passcode, expiresAt: issued.expiresAt.toISOString(), singleUse: issued.singleUse },
    [
      `Temporary passcode for ${user.username}, shown only this once:`,
      '',
      `  ${formatTemporaryPasscode(issued.passcode)}`,
      '',
      `They type it instead of PIN + code (without the space). Valid until ${issued.expiresAt.toISOString().replace('T', ' ').slice(0, 16)} UTC, ${issued.singleUse ? 'for one sign-in' : 'for any number of sign-ins'}. Any earlier temporary passcode no longer works.`,
    ].join('\n'),
  )
}
