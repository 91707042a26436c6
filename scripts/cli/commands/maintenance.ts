import { CLI_ACTOR } from '@/lib/audit'
import { sendEnrollmentReminders } from '@/lib/enrollment'
import { describeMaintenance, runMaintenance, type DormantItem, type DormantReport } from '@/lib/maintenance'
import type { Output } from '../output'
import { parseOptions } from '../parse-options'
import { runSubcommand } from '../subcommands'
import { UsageError } from '../usage-error'

export const MAINTENANCE_USAGE = [
  'portal maintenance run [--dry-run]   # dormant tokens: warn owners, then disable or revoke (also daily in npm start)',
  'portal maintenance reminders [--now <ISO time>]   # unfinished-enrollment reminders due at that time (also every 10 minutes in npm start)',
]

const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 16)
const lastUsed = (i: DormantItem) => (i.lastUsedAt ? when(i.lastUsedAt) : `never (active since ${when(i.lastActivity)})`)
// Fixed widths: the steps are printed as they are found, however many (a
// million dormant tokens never sit in memory), so columns cannot be measured first.
const WIDTHS = [7, 24, 16, 37]
const line = (cells: string[]) => cells.map((c, i) => (i < WIDTHS.length ? c.padEnd(WIDTHS[i]!) : c)).join('  ')
const HEADER = line(['STEP', 'USERNAME', 'SERIAL', 'LAST USED', 'ACTION DUE'])

function jsonStep(i: DormantItem) {
  return { step: i.step, username: i.username, serial: i.serial, tokenName: i.tokenName, origin: i.origin, lastUsedAt: i.lastUsedAt?.toISOString() ?? null, lastActivity: i.lastActivity.toISOString(), dueAt: i.actionAt.toISOString() }
}
function summary(dormant: DormantReport) {
  return {
    dryRun: dormant.dryRun,
    policy: dormant.policy,
    counts: { warned: dormant.counts.warn, disabled: dormant.counts.disable, revoked: dormant.counts.revoke },
    waiting: dormant.waiting,
    skipped: dormant.skipped,
  }
}

export async function runMaintenanceCommand(args: string[], out: Output): Promise<void> {
  return runSubcommand('maintenance', args, out, { run: maintenanceRun, reminders: maintenanceReminders }, MAINTENANCE_USAGE)
}

/** One pass of the enrollment reminders, as the worker runs it; `--now` sets the clock (tests, catching up). */
async function maintenanceReminders(args: string[], out: Output): Promise<void> {
  const options = parseOptions(args, { now: { type: 'string' } })
  const raw = options.string('now')
  const now = raw === undefined ? new Date() : new Date(raw)
  if (raw !== undefined && (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(now.getTime()))) throw new UsageError(`--now takes an ISO 8601 time such as 2026-12-01T09:00:00Z, not "${raw}"`)
  const report = await sendEnrollmentReminders({ now, actor: CLI_ACTOR })
  out.result({ now: now.toISOString(), ...report }, `Enrollment reminders at ${now.toISOString()}: ${report.sent} sent (${report.freshLinks} with a fresh link), ${report.skipped} already sent elsewhere.`)
}

async function maintenanceRun(args: string[], out: Output): Promise<void> {
  const options = parseOptions(args, { 'dry-run': { type: 'boolean' } })
  if (!options.flag('dry-run')) {
    const { dormant } = await runMaintenance({ actor: CLI_ACTOR, listLimit: 0 })
    out.result(summary(dormant), describeMaintenance(dormant))
    return
  }

  // The dry run lists every step, printed as it is found; the counts follow.
  const write = (text: string) => process.stdout.write(text)
  let steps = 0
  if (out.json) write('{"steps":[')
  const { dormant } = await runMaintenance({
    dryRun: true,
    actor: CLI_ACTOR,
    listLimit: 0,
    onStep: (item) => {
      if (out.json) write(`${steps > 0 ? ',' : ''}\n  ${JSON.stringify(jsonStep(item))}`)
      else write(`${steps === 0 ? `${HEADER.trimEnd()}\n` : ''}${line([item.step, item.username, item.serial, lastUsed(item), when(item.actionAt)]).trimEnd()}\n`)
      steps++
    },
  })
  if (out.json) {
    write(`${steps > 0 ? '\n' : ''}],${JSON.stringify(summary(dormant)).slice(1)}\n`)
    return
  }
  const tail = !dormant.policy ? [] : steps > 0 ? ['Dry run: nothing was changed and no email was sent.'] : ['No token is dormant. Dry run: nothing was changed.']
  write(`${[describeMaintenance(dormant), ...tail].join('\n')}\n`)
}
