import { CLI_ACTOR } from '@/lib/audit'
import { addExclusionRule, changeExclusionRule, listExclusionRules, type TExclusionKind } from '@/lib/exclusions'
import { formatTable, type Output } from '../output'
import { parseOptions } from '../parse-options'
import { UsageError } from '../usage-error'

export const EXCLUSION_USAGE = [
  'portal exclusion add --user <u> | --group <g> | --address <cidr> | --client <api client> --description <d> [--expires <YYYY-MM-DD>]',
  'portal exclusion list',
  'portal exclusion remove|enable|disable <id>',
]

const KIND_OPTIONS: Record<string, TExclusionKind> = { user: 'USER', group: 'GROUP', address: 'CLIENT_ADDRESS', client: 'API_CLIENT' }
const when = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 16) : '-')

export async function runExclusion(args: string[], out: Output): Promise<void> {
  const [sub, ...rest] = args
  if (sub === 'add') {
    const options = parseOptions(rest, { user: { type: 'string' }, group: { type: 'string' }, address: { type: 'string' }, client: { type: 'string' }, description: { type: 'string' }, expires: { type: 'string' } })
    const given = Object.keys(KIND_OPTIONS).filter((o) => options.string(o) !== undefined)
    if (given.length !== 1) throw new UsageError(`give exactly one of --user, --group, --address, --client; usage: ${EXCLUSION_USAGE[0]}`)
    const description = options.string('description')
    if (!description) throw new UsageError(`--description is required (say why); usage: ${EXCLUSION_USAGE[0]}`)
    const rule = await addExclusionRule({ input: { kind: KIND_OPTIONS[given[0]!]!, value: options.string(given[0]!)!, description, expires: options.string('expires') }, actor: CLI_ACTOR })
    out.result(rule, `Added exclusion rule ${rule.id}: ${given[0]} ${rule.value} signs in WITHOUT a second factor${rule.expiresAt ? ` until ${when(rule.expiresAt)} UTC` : ''}.`)
    return
  }
  if (sub === 'list') {
    parseOptions(rest, {})
    const rules = await listExclusionRules()
    out.result(
      rules,
      rules.length
        ? formatTable(
            ['ID', 'KIND', 'VALUE', 'STATUS', 'EXPIRES', 'DESCRIPTION'],
            rules.map((r) => [r.id, r.kind.toLowerCase(), r.value, r.status, when(r.expiresAt), r.description]),
          )
        : 'No MFA exclusion rules: every sign-in needs a passcode.',
    )
    return
  }
  if (sub === 'remove' || sub === 'enable' || sub === 'disable') {
    const ids = rest.filter((a) => a !== '--json')
    if (ids.length !== 1) throw new UsageError(`name exactly one rule id; usage: portal exclusion ${sub} <id>`)
    const rule = await changeExclusionRule({ id: ids[0]!, change: sub, actor: CLI_ACTOR })
    out.result(rule, `${sub === 'remove' ? 'Removed' : sub === 'enable' ? 'Enabled' : 'Disabled'} exclusion rule ${rule.id} (${rule.kind.toLowerCase()} ${rule.value}).`)
    return
  }
  throw new UsageError(`unknown exclusion command${sub ? ` "${sub}"` : ''}; usage: ${EXCLUSION_USAGE.join(' | ')}`)
}
