import { CLI_ACTOR } from '@/lib/audit'
import { addUser, listUsers, MIN_QUERY_LENGTH, normalizeUsername } from '@/lib/users'
import { formatTable, type Output } from '../output'
import { parseOptions } from '../parse-options'
import { UsageError } from '../usage-error'

export const USER_USAGE = [
  'portal user add --username <u> --email <e> [--name <n>] [--group <g>]...',
  'portal user list [--search <start of username, email, name or serial>] [--limit <n>]',
]

export async function runUser(args: string[], out: Output): Promise<void> {
  const [sub, ...rest] = args
  if (sub === 'add') return userAdd(rest, out)
  if (sub === 'list') return userList(rest, out)
  throw new UsageError(`unknown user command${sub ? ` "${sub}"` : ''}; usage: ${USER_USAGE.join(' | ')}`)
}

async function userAdd(args: string[], out: Output): Promise<void> {
  const opts = parseOptions(args, {
    username: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    group: { type: 'string', multiple: true },
  })
  const username = opts.string('username')
  const email = opts.string('email')
  if (username === undefined) throw new UsageError('--username is required')
  if (email === undefined) throw new UsageError('--email is required')
  const user = await addUser({
    input: { username, email, displayName: opts.string('name'), groups: opts.strings('group') },
    actor: CLI_ACTOR,
  })
  out.result(user, `Added user ${user.username} <${user.email}>${user.groups.length ? ` in ${user.groups.join(', ')}` : ''}`)
}

async function userList(args: string[], out: Output): Promise<void> {
  const opts = parseOptions(args, { search: { type: 'string' }, limit: { type: 'string' } })
  const rawLimit = opts.string('limit')
  const limit = rawLimit === undefined ? 100 : Number(rawLimit)
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be a whole number from 1 to 1000')
  const search = opts.string('search')
  if (search !== undefined && normalizeUsername(search).length < MIN_QUERY_LENGTH) throw new UsageError(`--search needs at least ${MIN_QUERY_LENGTH} characters`)
  const users = await listUsers({ query: search, limit })
  const human = users.length
    ? formatTable(
        ['USERNAME', 'EMAIL', 'NAME', 'GROUPS', 'STATUS', 'ACTIVE TOKENS'],
        users.map((u) => [u.username, u.email, u.displayName ?? '', u.groups.join(','), u.status.toLowerCase(), String(u.activeTokens)]),
      )
    : search !== undefined
      ? `No user starts with "${search}" (username, email, name or token serial).`
      : 'No users yet. Add one with: portal user add --username <u> --email <e>'
  out.result(users, human)
}

