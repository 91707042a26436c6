import { z } from 'zod'
import { ZApiClientName } from '@/lib/api-clients'
import { ZGroupName, ZUsername } from '@/lib/users'
import { parseCidr } from './parse-address'

export const EXCLUSION_KINDS = ['USER', 'GROUP', 'CLIENT_ADDRESS', 'API_CLIENT'] as const
export const ZExclusionKind = z.enum(EXCLUSION_KINDS, { error: 'Choose what the rule matches: user, group, client address or API client' })
export type TExclusionKind = z.infer<typeof ZExclusionKind>

/** Words for people (pages, CLI), per kind. */
export const EXCLUSION_KIND_LABELS: Record<TExclusionKind, string> = {
  USER: 'User',
  GROUP: 'Group',
  CLIENT_ADDRESS: 'Client address',
  API_CLIENT: 'API client',
}

/** The CLI's and forms' short names for the kinds. */
export const EXCLUSION_KIND_NAMES: Record<string, TExclusionKind> = { user: 'USER', group: 'GROUP', address: 'CLIENT_ADDRESS', cidr: 'CLIENT_ADDRESS', client: 'API_CLIENT', apiclient: 'API_CLIENT' }

/** A rule's value in its canonical form (what is stored and matched), or the problem with it. */
export function canonicalExclusionValue(kind: TExclusionKind, value: string): { ok: true; value: string } | { ok: false; message: string } {
  if (kind === 'CLIENT_ADDRESS') {
    const cidr = parseCidr(value)
    return cidr.ok ? { ok: true, value: cidr.canonical } : cidr
  }
  const schema = kind === 'USER' ? ZUsername : kind === 'GROUP' ? ZGroupName : ZApiClientName
  const parsed = schema.safeParse(value)
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: parsed.error.issues[0]?.message ?? 'The value is not valid' }
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

/**
 * An expiry as typed: a date (the rule holds through that day, UTC) or an
 * ISO date-time with a zone. Empty: no expiry.
 */
export const ZExpiry = z
  .string()
  .trim()
  .transform((text, ctx) => {
    if (!text) return null
    const at = DATE_ONLY.test(text) ? new Date(`${text}T00:00:00Z`) : /(Z|[+-]\d{2}:\d{2})$/.test(text) ? new Date(text) : new Date(NaN)
    if (Number.isNaN(at.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'Give the expiry as a date (YYYY-MM-DD) or a date-time with a zone (2026-12-31T18:00:00Z)' })
      return z.NEVER
    }
    return DATE_ONLY.test(text) ? new Date(at.getTime() + 86_400_000) : at
  })

export const ZExclusionInput = z
  .object({
    kind: ZExclusionKind,
    value: z.string({ error: 'Give the value the rule matches' }).trim().min(1, 'Give the value the rule matches').max(128, 'The value is at most 128 characters'),
    description: z.string({ error: 'Say why this exclusion exists' }).trim().min(1, 'Say why this exclusion exists').max(200, 'The description is at most 200 characters'),
    expires: ZExpiry.optional(),
  })
  .transform((input, ctx) => {
    const canonical = canonicalExclusionValue(input.kind, input.value)
    if (!canonical.ok) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: canonical.message })
      return z.NEVER
    }
    return { kind: input.kind, value: canonical.value, description: input.description, expiresAt: input.expires ?? null }
  })
export type TExclusionInput = z.input<typeof ZExclusionInput>
