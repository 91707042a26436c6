import { CLI_ACTOR } from '@/lib/audit'
import { describeMaintenance, runMaintenance, type DormantItem } from '@/lib/maintenance'
import { formatTable, type Output } from '../output'
import { parseOptions } from '../parse-options'
import { UsageError } from '../usage-error'

export const MAINTENANCE_USAGE = ['portal maintenance run [--dry-run]   # dormant tokens: warn owners, then disable or revoke (also daily in npm start)']

const when = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 16) : 'never')
const STEP = { warn: 'warn', disable: 'disable', revoke: 'revoke' } as const

export async function runMaintenanceCommand(args: string[], out: Output): Promise<void> {
  const [sub, ...rest] = args
  if (sub !== 'run') throw new UsageError(`unknown maintenance command${sub ? ` "${sub}"` : ''}; usage: ${MAINTENANCE_USAGE[0]!.split('  #')[0]}`)
  const options = parseOptions(rest, { 'dry-run': { type: 'boolean' } })
  const dryRun = options.flag('dry-run')
  // Every dry-run step is listed: the CLI is where an operator reviews a large first run.
  const { dormant } = await runMaintenance({ dryRun, actor: CLI_ACTOR, listLimit: dryRun ? Number.MAX_SAFE_INTEGER : 0 })
  const json = {
    dryRun,
    policy: dormant.policy,
    counts: { warned: dormant.counts.warn, disabled: dormant.counts.disable, revoked: dormant.counts.revoke },
    waiting: dormant.waiting,
    skipped: dormant.skipped,
    ...(dryRun ? { steps: dormant.items.map(jsonItem) } : {}),
  }
  const lines = [describeMaintenance(dormant)]
  if (dryRun && dormant.items.length > 0) {
    lines.push(formatTable(['STEP', 'USERNAME', 'SERIAL', 'LAST USED', 'ACTION DUE'], dormant.items.map((i) => [STEP[i.step], i.username, i.serial, lastUsed(i), when(i.actionAt)])))
    lines.push('Dry run: nothing was changed and no email was sent.')
  } else if (dryRun && dormant.policy) {
    lines.push('No token is dormant. Dry run: nothing was changed.')
  }
  out.result(json, lines.join('\n'))
}

const lastUsed = (i: DormantItem) => (i.lastUsedAt ? when(i.lastUsedAt) : `never (active since ${when(i.lastActivity)})`)

function jsonItem(i: DormantItem) {
  return { step: i.step, username: i.username, serial: i.serial, tokenName: i.tokenName, origin: i.origin, lastUsedAt: i.lastUsedAt?.toISOString() ?? null, lastActivity: i.lastActivity.toISOString(), dueAt: i.actionAt.toISOString() }
}
