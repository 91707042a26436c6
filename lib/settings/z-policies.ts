// Pure: the /admin/policies form as one zod schema, and the settings record's
// token-type columns presented per platform.
import { z } from 'zod'
import { allowedTokenTypes, PLATFORM_NAMES, type Platform } from '@/lib/policy'
import type { OtpType } from '@/lib/otp'
import { POLICY_FIELDS, POLICY_NAMES, policySchema, type PolicyName } from './policy-fields'

export const TOKEN_TYPES: readonly OtpType[] = ['TOTP', 'HOTP']
export const PLATFORMS = Object.keys(PLATFORM_NAMES) as Platform[]
export type TokenTypesByPlatform = Record<Platform, OtpType[]>

/** The form's checkbox for one platform and type, e.g. "types.ios.TOTP". */
export const tokenTypeInput = (platform: Platform, type: OtpType) => `types.${platform}.${type}`

type Shape = { [K in PolicyName]: z.ZodType }
const shape = Object.fromEntries(POLICY_NAMES.map((name) => [name, policySchema(POLICY_FIELDS[name])])) as Shape

const ZTokenTypes = z.object(
  Object.fromEntries(PLATFORMS.map((p) => [p, z.array(z.enum(['TOTP', 'HOTP'])).min(1, { error: `${PLATFORM_NAMES[p]}: allow at least one token type.` })])) as Record<
    Platform,
    z.ZodArray<z.ZodEnum<{ TOTP: 'TOTP'; HOTP: 'HOTP' }>>
  >,
)

/** Pairs of policies that must agree: the field the problem is shown on, the other one, the rule and its message. */
type Values = Record<string, unknown>
const n = (v: unknown) => v as number
const days = (v: unknown) => (typeof v === 'string' && v ? v.split(',').map(Number) : [])
export const POLICY_PAIRS: { field: PolicyName; other: PolicyName; holds: (v: Values) => boolean; message: string }[] = [
  { field: 'pinMaxLength', other: 'pinMinLength', holds: (v) => n(v.pinMaxLength) >= n(v.pinMinLength), message: 'Longest PIN: must be at least the shortest PIN.' },
  { field: 'autoUnlockMaxMinutes', other: 'autoUnlockMinutes', holds: (v) => v.autoUnlockMinutes === null || n(v.autoUnlockMaxMinutes) >= n(v.autoUnlockMinutes), message: 'Longest lock: must be at least the first lock.' },
  { field: 'staffLockMinutes', other: 'autoUnlockMaxMinutes', holds: (v) => n(v.staffLockMinutes) <= n(v.autoUnlockMaxMinutes), message: 'A staff lock first lasts: at most the longest lock.' },
  { field: 'tempPasscodeHours', other: 'tempPasscodeMaxHours', holds: (v) => n(v.tempPasscodeHours) <= n(v.tempPasscodeMaxHours), message: 'Temporary passcode usual validity: at most the maximum.' },
  { field: 'pinReminderDays', other: 'pinMaxAgeDays', holds: (v) => v.pinMaxAgeDays === null || n(v.pinReminderDays) < n(v.pinMaxAgeDays), message: 'PIN expiry reminder: must come before the PIN expires.' },
  { field: 'enrollmentReminderDays', other: 'invitationTtlHours', holds: (v) => days(v.enrollmentReminderDays).every((d) => d * 24 < n(v.invitationTtlHours)), message: 'Remind unfinished enrollments: each reminder must come before the invitation link expires.' },
  { field: 'dormantWarnDays', other: 'dormantAfterDays', holds: (v) => v.dormantAfterDays === null || n(v.dormantWarnDays) < n(v.dormantAfterDays), message: 'Warn the owner: must be fewer days than the dormancy period.' },
]

/**
 * The pairs these values break, by the field that shows it. A pair with a
 * field already refused on its own is skipped: that field's message says
 * what to fix.
 */
export function policyConflicts(values: Values): Partial<Record<PolicyName, string>> {
  const valid = (name: PolicyName) => shape[name].safeParse(values[name]).success
  return Object.fromEntries(POLICY_PAIRS.filter((p) => valid(p.field) && valid(p.other) && !p.holds(values)).map((p) => [p.field, p.message]))
}

/**
 * Everything /admin/policies posts, each field checked against its own
 * bounds with its own message, then the pairs that must agree.
 */
export const ZPolicies = z
  .object({ ...shape, tokenTypes: ZTokenTypes })
  .superRefine((values, ctx) => {
    for (const [field, message] of Object.entries(policyConflicts(values))) ctx.addIssue({ code: 'custom', path: [field], message })
  })
/** What ZPolicies gives: each policy's value (number, null, yes/no or choice) and the token types per platform. */
export type TPolicies = Record<PolicyName, number | null | boolean | string> & { tokenTypes: TokenTypesByPlatform }

/** The form's fields as ZPolicies reads them: text per policy, checked boxes per platform. */
export function policiesInput(form: { get(name: string): unknown; has(name: string): boolean }): Record<string, unknown> {
  const input: Record<string, unknown> = {}
  for (const name of POLICY_NAMES) {
    const value = form.get(name)
    input[name] = typeof value === 'string' ? value.slice(0, 64) : undefined
  }
  input.tokenTypes = Object.fromEntries(PLATFORMS.map((p) => [p, TOKEN_TYPES.filter((t) => form.has(tokenTypeInput(p, t)))]))
  return input
}

/** The token types each platform allows today, from the two stored columns. */
export function tokenTypesByPlatformOf(settings: { allowedTokenTypes: string; tokenTypesByPlatform: string | null }): TokenTypesByPlatform {
  return Object.fromEntries(PLATFORMS.map((platform) => [platform, allowedTokenTypes({ settings, platform })])) as TokenTypesByPlatform
}

/**
 * The two stored columns for a choice per platform: allowedTokenTypes is
 * every type some platform allows; tokenTypesByPlatform narrows each
 * platform, or is null when all platforms allow the same.
 */
export function tokenTypeColumns(byPlatform: TokenTypesByPlatform): { allowedTokenTypes: string; tokenTypesByPlatform: string | null } {
  const union = TOKEN_TYPES.filter((t) => PLATFORMS.some((p) => byPlatform[p].includes(t)))
  const same = PLATFORMS.every((p) => byPlatform[p].length === union.length)
  const ordered = (types: OtpType[]) => TOKEN_TYPES.filter((t) => types.includes(t))
  return {
    allowedTokenTypes: union.join(','),
    tokenTypesByPlatform: same ? null : JSON.stringify(Object.fromEntries(PLATFORMS.map((p) => [p, ordered(byPlatform[p])]))),
  }
}
