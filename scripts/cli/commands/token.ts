import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { CLI_ACTOR } from '@/lib/audit'
import { countTokensByState, importHardwareTokens, listInventoryTokens, readSeedFile, SeedFileError, type InventoryImportSummary } from '@/lib/inventory'
import { formatTable, type Output } from '../output'
import { parseOptions } from '../parse-options'
import { runSubcommand } from '../subcommands'
import { UsageError } from '../usage-error'

export const TOKEN_USAGE = [
  'portal token import <file.pskc|file.csv> [--password-file <f> | --password <p> | --psk-file <f> | --psk <hex>]',
  '    (or the environment: PORTAL_PSKC_PASSWORD, PORTAL_PSKC_PSK; keeps secrets out of shell history)',
  'portal token list --inventory [--limit <n>]',
  'portal token counts',
]

const MAX_FILE_BYTES = 50 * 1024 * 1024

export async function runToken(args: string[], out: Output): Promise<void> {
  return runSubcommand('token', args, out, { import: tokenImport, list: tokenList, counts: tokenCounts }, TOKEN_USAGE)
}

async function tokenImport(args: string[], out: Output): Promise<void> {
  let parsed: ReturnType<typeof parseImportArgs>
  try {
    parsed = parseImportArgs(args)
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments')
  }
  const { values, positionals } = parsed
  if (positionals.length !== 1) throw new UsageError(`name exactly one file; usage: ${TOKEN_USAGE[0]}`)
  const file = positionals[0]!
  const password = oneOf('password', values.password, values['password-file'] && readSecretFile(values['password-file'], 'password'), process.env.PORTAL_PSKC_PASSWORD)
  const pskHex = oneOf('psk', values.psk, values['psk-file'] && readSecretFile(values['psk-file'], 'pre-shared key'), process.env.PORTAL_PSKC_PSK)
  // The environment fills in only what the command line left open, so one of each is enough to refuse both.
  if ((values.password !== undefined || values['password-file'] !== undefined) && (values.psk !== undefined || values['psk-file'] !== undefined)) {
    throw new UsageError('give a password or a pre-shared key, not both')
  }
  const psk = pskHex === undefined ? undefined : decodePsk(pskHex)
  const content = readSeedContent(file)
  if (values.password !== undefined) out.info('Note: --password leaves the password in your shell history; --password-file or PORTAL_PSKC_PASSWORD do not.')
  if (values.psk !== undefined) out.info('Note: --psk leaves the key in your shell history; --psk-file or PORTAL_PSKC_PSK do not.')

  let seedFile
  try {
    seedFile = readSeedFile({ content, password, psk })
  } catch (error) {
    if (!(error instanceof SeedFileError)) throw error
    if (error.reason === 'BAD_ROWS') {
      out.result({ file, imported: false, problems: error.problems }, error.problems.map((p) => `${p.where}${p.serial ? ` (${p.serial})` : ''}: ${p.reason}`).join('\n'))
    }
    if (error.reason === 'KEY_REQUIRED') {
      const how = error.detail === 'password' ? '--password-file <file>, PORTAL_PSKC_PASSWORD or --password' : '--psk-file <file>, PORTAL_PSKC_PSK or --psk <hex>'
      throw new UsageError(`${error.message} Give it with ${how}.`)
    }
    throw error
  }
  const summary = await importHardwareTokens({ file: seedFile, source: path.basename(file), actor: CLI_ACTOR })
  out.result({ file, imported: true, ...summary }, describeImport(path.basename(file), summary))
}

function parseImportArgs(args: string[]) {
  return parseArgs({
    args,
    options: { password: { type: 'string' }, 'password-file': { type: 'string' }, psk: { type: 'string' }, 'psk-file': { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  })
}

/** At most one source per secret on the command line; the environment variable only when none is given. */
function oneOf(name: string, flag: string | undefined, fromFile: string | undefined | '', env: string | undefined): string | undefined {
  if (flag !== undefined && fromFile !== undefined && fromFile !== '') throw new UsageError(`give --${name} or --${name}-file, not both`)
  if (flag !== undefined) return flag
  if (fromFile !== undefined && fromFile !== '') return fromFile
  return env === undefined || env === '' ? undefined : env
}

function readSecretFile(file: string, what: string): string {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch {
    throw new UsageError(`cannot read the ${what} file ${file}`)
  }
  // Editors and `echo` add a final newline that is not part of the secret.
  const secret = text.replace(/\r?\n$/, '')
  if (!secret) throw new UsageError(`the ${what} file ${file} is empty`)
  return secret
}

function decodePsk(hex: string): Buffer {
  const compact = hex.replace(/\s+/g, '')
  if (!/^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{48}|[0-9a-fA-F]{64})$/.test(compact)) {
    throw new UsageError('the pre-shared key must be given in hex: 32, 48 or 64 hex digits (an AES-128, -192 or -256 key)')
  }
  return Buffer.from(compact, 'hex')
}

function readSeedContent(file: string): Buffer {
  let size: number
  try {
    const stat = fs.statSync(file)
    if (!stat.isFile()) throw new Error('not a file')
    size = stat.size
  } catch {
    throw new UsageError(`cannot read ${file}: no such file`)
  }
  if (size > MAX_FILE_BYTES) throw new UsageError(`${file} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; split it`)
  return fs.readFileSync(file)
}

function describeImport(name: string, s: InventoryImportSummary): string {
  const lines = [
    `Imported ${name} (${s.format.toUpperCase()}): ${s.added.length} added to inventory, ${s.unchanged.length} already in inventory (unchanged), ${s.skipped.length} skipped.`,
  ]
  if (s.skipped.length) lines.push('Skipped:', ...s.skipped.map((p) => `  ${p.where}${p.serial ? ` (${p.serial})` : ''}: ${p.reason}`))
  return lines.join('\n')
}

async function tokenList(args: string[], out: Output): Promise<void> {
  const opts = parseOptions(args, { inventory: { type: 'boolean' }, limit: { type: 'string' } })
  if (!args.includes('--inventory')) throw new UsageError(`only the inventory can be listed here; usage: ${TOKEN_USAGE[2]}`)
  const rawLimit = opts.string('limit')
  const limit = rawLimit === undefined ? 100 : Number(rawLimit)
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError('--limit must be a whole number from 1 to 10000')
  const tokens = await listInventoryTokens({ limit })
  out.result(
    tokens,
    tokens.length
      ? formatTable(
          ['SERIAL', 'TYPE', 'ALGORITHM', 'DIGITS', 'PERIOD/COUNTER', 'IMPORTED'],
          tokens.map((t) => [t.serial, t.type, t.algorithm, String(t.digits), t.type === 'TOTP' ? `${t.period} s` : `#${t.counter}`, t.createdAt.toISOString().slice(0, 10)]),
        )
      : 'No hardware tokens in inventory. Import a seed file with: portal token import <file>',
  )
}

async function tokenCounts(args: string[], out: Output): Promise<void> {
  parseOptions(args, {})
  const counts = await countTokensByState()
  const statuses = [...new Set(counts.map((c) => c.status))]
  const count = (origin: string, status: string) => counts.find((c) => c.origin === origin && c.status === status)?.count ?? 0
  out.result(
    counts,
    counts.length
      ? formatTable(
          ['STATE', 'HARDWARE', 'SOFTWARE'],
          statuses.map((s) => [s.toLowerCase(), String(count('HARDWARE', s)), String(count('SOFTWARE', s))]),
        )
      : 'No tokens yet.',
  )
}
