import { ConfigError, ensureLocalSecrets, getConfig } from '@/lib/config'
import { disconnectDb } from '@/lib/db'
import { isAppError } from '@/lib/errors'
import { APIKEY_USAGE, runApikey } from './commands/apikey'
import { DB_USAGE, runDb } from './commands/db'
import { EXCLUSION_USAGE, runExclusion } from './commands/exclusion'
import { INVITE_USAGE, runInvite } from './commands/invite'
import { MAIL_USAGE, runMail } from './commands/mail'
import { MAINTENANCE_USAGE, runMaintenanceCommand } from './commands/maintenance'
import { runServe, SERVE_USAGE } from './commands/serve'
import { runStaff, STAFF_USAGE } from './commands/staff'
import { runTempPasscode, TEMP_PASSCODE_USAGE } from './commands/temp-passcode'
import { runToken, TOKEN_USAGE } from './commands/token'
import { runUser, USER_USAGE } from './commands/user'
import { loadEnv } from './load-env'
import { createOutput } from './output'
import { UsageError } from './usage-error'

const USAGE = ['Usage:', ...[...USER_USAGE, ...INVITE_USAGE, ...STAFF_USAGE, ...APIKEY_USAGE, ...EXCLUSION_USAGE, ...TEMP_PASSCODE_USAGE, ...TOKEN_USAGE, ...MAINTENANCE_USAGE, ...MAIL_USAGE, ...DB_USAGE, ...SERVE_USAGE].map((l) => `  ${l}`), '  add --json to any command for JSON output'].join('\n')

const COMMANDS: Record<string, (args: string[], out: ReturnType<typeof createOutput>) => Promise<void>> = {
  user: runUser,
  invite: runInvite,
  staff: runStaff,
  apikey: runApikey,
  exclusion: runExclusion,
  'temp-passcode': runTempPasscode,
  token: runToken,
  maintenance: runMaintenanceCommand,
  mail: runMail,
  db: runDb,
  serve: runServe,
}

async function main(argv: string[]): Promise<number> {
  const out = createOutput({ json: argv.includes('--json') })
  const [command, ...args] = argv
  try {
    if (!command || command === 'help' || command === '--help' || command === '-h') {
      process.stdout.write(`${USAGE}\n`)
      return command ? 0 : 1
    }
    const run = COMMANDS[command]
    if (!run) throw new UsageError(`unknown command "${command}"; run \`portal help\` for the list`)

    loadEnv({ dir: process.cwd() })
    const generated = ensureLocalSecrets({ env: process.env, dir: process.cwd() })
    if (generated.length) out.info(`Generated ${generated.join(', ')} into .env.local (quick-start mode only; keep that file secret).`)
    getConfig() // Fail fast, with one line naming the variable, before touching the database.

    await run(args, out)
    return 0
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || isAppError(error)) {
      process.stderr.write(`portal: ${error.message}\n`)
      return 1
    }
    process.stderr.write(`portal: ${(error as Error).message ?? String(error)}\n`)
    if (process.env.DEBUG) console.error(error)
    return 1
  } finally {
    await disconnectDb()
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code))
