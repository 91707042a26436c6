import { ZApiClientName } from './api-client-name'
import { parseAllowedAddresses } from './allowed-addresses'
import { firstIssueMessage } from '@/lib/validation'

export type ApiClientFieldErrors = Partial<Record<'name' | 'allowedAddresses', string[]>>

export type CheckedApiClientInput = { ok: true; name: string; allowedAddresses: string } | { ok: false; errors: ApiClientFieldErrors }

/** A new client's name and allowed addresses, with every problem per field. Pure. */
export function checkApiClientInput(input: { name: string; allowedAddresses?: string }): CheckedApiClientInput {
  const errors: ApiClientFieldErrors = {}
  const name = ZApiClientName.safeParse(input.name)
  if (!name.success) errors.name = [firstIssueMessage(name.error)]
  const addresses = parseAllowedAddresses(input.allowedAddresses ?? '')
  if (!addresses.ok) errors.allowedAddresses = [addresses.message]
  if (!name.success || !addresses.ok) return { ok: false, errors }
  return { ok: true, name: name.data, allowedAddresses: addresses.stored }
}
