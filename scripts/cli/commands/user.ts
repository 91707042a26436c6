import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { CLI_ACTOR } from '@/lib/audit'
import { AppError } from '@/lib/errors'
import { addUser, importUsers, listUsers, MAX_USER_IMPORT_BYTES, MIN_QUERY_LENGTH, normalizeUsername, type UserImportResult } from '@/lib/users'
import { formatTable, type Output } from '../output'
import { parseOptions } from '../parse-options'
import { runSubcommand } from '../subcommands'
import { UsageError } from '../usage-error'

export const USER_USAGE = [
  'portal user add --username <u> --email <e> [--name <n>] [--group <g>]...',
  'portal user list [--search <start of username, email, name or serial>] [--limit <n>]',
  'portal user import <file.csv> [--apply-valid] [--disable-missing] [--dry-run]',
  '    (columns username,email,name,groups; exits 1 when any row is bad, listing each with its line)',
]

export async function runUser(args: string[], out: Output): Promise<void> {
  return runSubcommand('user', args, out, { add: userAdd, list: userList, import: userImport }, USER_USAGE)
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


async function userImport(args: string[], out: Output): Promise<void> {
  let parsed
  try {
    parsed = parseArgs({
      args,
      options: { 'apply-valid': { type: 'boolean' }, 'disable-missing': { type: 'boolean' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    })
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments')
  }
  const { values, positionals } = parsed
  if (positionals.length !== 1) throw new UsageError(`name exactly one file; usage: ${USER_USAGE[2]}`)
  const file = positionals[0]!
  let size: number
  try {
    const stat = fs.statSync(file)
    if (!stat.isFile()) throw new Error('not a file')
    size = stat.size
  } catch {
    throw new UsageError(`cannot read ${file}: no such file`)
  }
  if (size > MAX_USER_IMPORT_BYTES) throw new UsageError(`${file} is larger than ${MAX_USER_IMPORT_BYTES / 1024 / 1024} MB; split it`)
  const name = path.basename(file)
  const result = await importUsers({
    content: fs.readFileSync(file),
    source: name,
    options: { applyValid: values['apply-valid'], disableMissing: values['disable-missing'], dryRun: values['dry-run'] },
    actor: CLI_ACTOR,
  })
  out.result({ file, ...result }, describeUserImport(name, result))
  // The report is on stdout; the exit status says whether every row was good.
  if (result.refused) throw new AppError('INVALID_INPUT', `${result.refused} bad row(s) in ${name}${result.imported ? '; the valid rows were imported' : '; nothing was imported'}.`)
}

function describeUserImport(name: string, r: UserImportResult): string {
  const lines: string[] = []
  if (r.dryRun) {
    lines.push(
      `Dry run of ${name} (nothing written): ${r.rows} row(s); ${r.refused ? `${r.refused} bad.` : 'all valid.'}` +
        (r.refused && !r.imported && r.added + r.updated + r.unchanged + r.disabled === 0 ? '' : ` Would add ${r.added}, update ${r.updated}, leave ${r.unchanged} unchanged, disable ${r.disabled}.`),
    )
  } else if (r.imported) {
    lines.push(`Imported ${name}: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged, ${r.disabled} disabled, ${r.refused} refused.`)
  } else {
    lines.push(`${name}: ${r.refused} of ${r.rows} row(s) are bad; nothing was imported. Fix them and import again, or import the valid rows with --apply-valid.`)
  }
  if (r.problems.length) lines.push('Bad rows:', ...r.problems.map((p) => `  line ${p.line}${p.username ? ` (${p.username})` : ''}: ${p.reason}`))
  return lines.join('\n')
}
