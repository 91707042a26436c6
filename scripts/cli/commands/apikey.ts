import { createApiClient, listApiClients, revokeApiClient } from '@/lib/api-clients'
import { CLI_ACTOR } from '@/lib/audit'
import { formatTable, type Output } from '../output'
import { parseOptions } from '../parse-options'
import { UsageError } from '../usage-error'

export const APIKEY_USAGE = ['portal apikey create --name <n>', 'portal apikey list', 'portal apikey revoke <name>']

export async function runApikey(args: string[], out: Output): Promise<void> {
  const [sub, ...rest] = args
  if (sub === 'create') {
    const name = parseOptions(rest, { name: { type: 'string' } }).string('name')
    if (name === undefined) throw new UsageError('--name is required; usage: portal apikey create --name <n>')
    const client = await createApiClient({ name, actor: CLI_ACTOR })
    out.result(
      client,
      [`Created API client ${client.name}. Its key, shown only this once:`, '', `  ${client.key}`, '', 'Store it in the gateway now: it cannot be shown again.'].join('\n'),
    )
    return
  }
  if (sub === 'list') {
    parseOptions(rest, {})
    const clients = await listApiClients()
    const when = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 16) : '-')
    out.result(
      clients,
      clients.length
        ? formatTable(
            ['NAME', 'KEY', 'CREATED', 'LAST USED', 'STATUS'],
            clients.map((c) => [c.name, `${c.keyPrefix}…`, when(c.createdAt), when(c.lastUsedAt), c.revokedAt ? `revoked ${when(c.revokedAt)}` : 'active']),
          )
        : 'No API clients yet. Create one with: portal apikey create --name <n>',
    )
    return
  }
  if (sub === 'revoke') {
    const names = rest.filter((a) => a !== '--json')
    if (names.length !== 1) throw new UsageError('name exactly one API client; usage: portal apikey revoke <name>')
    const revoked = await revokeApiClient({ name: names[0]!, actor: CLI_ACTOR })
    out.result(revoked, `Revoked API client ${revoked.name} (${revoked.keyPrefix}…): its key no longer works.`)
    return
  }
  throw new UsageError(`unknown apikey command${sub ? ` "${sub}"` : ''}; usage: ${APIKEY_USAGE.join(' | ')}`)
}
