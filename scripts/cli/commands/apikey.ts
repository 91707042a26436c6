import { createApiClient, listApiClients, revokeApiClient } from '@/lib/api-clients'
import { CLI_ACTOR } from '@/lib/audit'
import { formatTable, type Output } from '../output'
import { parseOptions } from '../parse-options'
import { UsageError } from '../usage-error'

const CREATE_USAGE = 'portal apikey create --name <n> [--allow <cidr>]...'
export const APIKEY_USAGE = [CREATE_USAGE, 'portal apikey list', 'portal apikey revoke <name>']

export async function runApikey(args: string[], out: Output): Promise<void> {
  const [sub, ...rest] = args
  if (sub === 'create') {
    const options = parseOptions(rest, { name: { type: 'string' }, allow: { type: 'string', multiple: true } })
    const name = options.string('name')
    if (name === undefined) throw new UsageError(`--name is required; usage: ${CREATE_USAGE}`)
    // --allow takes a range each time, or several separated by commas; none: from anywhere.
    const client = await createApiClient({ name, allowedAddresses: options.strings('allow').join(','), actor: CLI_ACTOR })
    const from = client.allowedAddresses.length ? `It works only from ${client.allowedAddresses.join(', ')}.` : 'It works from any address.'
    out.result(
      client,
      [`Created API client ${client.name}. Its key, shown only this once:`, '', `  ${client.key}`, '', `Store it in the gateway now: it cannot be shown again. ${from}`].join('\n'),
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
            ['NAME', 'KEY', 'CREATED', 'LAST USED', 'FROM', 'ALLOWED FROM', 'STATUS'],
            clients.map((c) => [
              c.name,
              `${c.keyPrefix}…`,
              when(c.createdAt),
              when(c.lastUsedAt),
              c.lastUsedAddress ?? '-',
              c.allowedAddresses.join(',') || 'anywhere',
              c.revokedAt ? `revoked ${when(c.revokedAt)}` : 'active',
            ]),
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
