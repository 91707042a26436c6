// Pure: every policy an administrator may set, with its bounds, default and a
// one-line explanation. One list serves the /admin/policies form, the parsing
// of what it posts (ZPolicies) and the checking of the stored record on read
// (readValidSettings), so the three cannot disagree.
import { z } from 'zod'

export const POLICY_SECTIONS = [
  { id: 'pins', title: 'PINs' },
  { id: 'lockout', title: 'Lockout' },
  { id: 'codes', title: 'Codes' },
  { id: 'enrollment', title: 'Enrollment' },
  { id: 'tokens', title: 'Tokens' },
  { id: 'sessions', title: 'Sessions' },
  { id: 'validation', title: 'Validation API' },
  { id: 'dormant', title: 'Dormant tokens' },
  { id: 'audit', title: 'Audit' },
] as const
export type PolicySection = (typeof POLICY_SECTIONS)[number]['id']

type Base = { section: PolicySection; label: string; help: string }
export type PolicyField =
  | (Base & { kind: 'whole'; min: number; max: number; unit: string; default: number })
  /** Empty means "off" (null), explained by `emptyMeans`. */
  | (Base & { kind: 'optional-whole'; min: number; max: number; unit: string; default: number | null; emptyMeans: string })
  | (Base & { kind: 'yes-no'; default: boolean })
  | (Base & { kind: 'choice'; choices: readonly { value: string; label: string }[]; default: string })
  /** Whole days after an event, stored as text "2,5" (ascending, no repeats); empty means none. */
  | (Base & { kind: 'day-list'; min: number; max: number; most: number; unit: string; default: string; emptyMeans: string })

const whole = (section: PolicySection, label: string, min: number, max: number, unit: string, dflt: number, help: string): PolicyField => ({ kind: 'whole', section, label, min, max, unit, default: dflt, help })

/** Settings columns shown on /admin/policies, in page order. Defaults equal prisma/schema.prisma's (a unit test checks). */
export const POLICY_FIELDS = {
  pinMinLength: whole('pins', 'Shortest PIN', 4, 32, 'characters', 4, 'A PIN must have at least this many characters.'),
  pinMaxLength: whole('pins', 'Longest PIN', 4, 32, 'characters', 16, 'A PIN may have at most this many characters; at least the shortest.'),
  pinCharset: {
    kind: 'choice',
    section: 'pins',
    label: 'PIN characters',
    help: 'What a PIN may be made of.',
    choices: [
      { value: 'digits', label: 'Digits only (0–9)' },
      { value: 'alphanumeric', label: 'Letters and digits' },
    ],
    default: 'digits',
  },
  pinRejectTrivial: { kind: 'yes-no', section: 'pins', label: 'Refuse easy PINs', help: 'Refuse repeats (0000), runs (1234) and patterns (1212).', default: true },
  pinMaxAgeDays: { kind: 'optional-whole', section: 'pins', label: 'PIN expires after', min: 7, max: 3650, unit: 'days', default: 90, emptyMeans: 'PINs never expire', help: 'A PIN must be changed this many days after it was set.' },
  pinReminderDays: whole('pins', 'PIN expiry reminder', 1, 90, 'days before', 14, 'The reminder email goes out this many days before a PIN expires.'),

  lockoutThreshold: whole('lockout', 'Lock a token after', 1, 100, 'failed attempts', 10, 'Failed passcodes in a row, at the validation API or sign-in, that lock a token.'),
  autoUnlockMinutes: { kind: 'optional-whole', section: 'lockout', label: 'First lock lasts', min: 1, max: 1440, unit: 'minutes', default: 15, emptyMeans: 'locks hold until the helpdesk unlocks the token', help: 'Each further lock before a successful sign-in doubles it.' },
  autoUnlockMaxMinutes: whole('lockout', 'Longest lock', 1, 10080, 'minutes', 1440, 'Doubling stops here; at least the first lock.'),
  staffLockoutThreshold: whole('lockout', 'Lock a staff account after', 3, 20, 'failed sign-ins', 5, 'Failed staff sign-ins in a row that lock the account.'),
  staffLockMinutes: whole('lockout', 'A staff lock first lasts', 1, 1440, 'minutes', 15, 'Doubling with each further lock, up to the longest lock; always lifts by itself.'),

  totpWindow: whole('codes', 'TOTP tolerance', 0, 10, 'time steps each way', 1, 'Codes from this many 30-second steps before or after now are accepted, for clock drift.'),
  hotpLookAhead: whole('codes', 'HOTP look-ahead', 0, 100, 'codes', 10, 'How far past the last used counter a code is searched for (button presses not used).'),

  invitationTtlHours: whole('enrollment', 'Invitation link lasts', 1, 2160, 'hours', 168, 'An enrollment link expires this many hours after it was sent.'),
  enrollmentMaxFailures: whole('enrollment', 'Wrong codes during enrollment', 1, 20, 'attempts', 5, 'An enrollment link stops working after this many wrong codes.'),
  enrollmentReminderDays: {
    kind: 'day-list',
    section: 'enrollment',
    label: 'Remind unfinished enrollments',
    min: 1,
    max: 90,
    most: 5,
    unit: 'days after the invitation, separated by commas',
    default: '2,5',
    emptyMeans: 'no reminders are sent',
    help: 'Someone who has not finished enrolling gets a reminder with a fresh link this many days after the invitation, once each, while the link lasts.',
  },
  selfRequestEnabled: { kind: 'yes-no', section: 'enrollment', label: 'People may ask for an enrollment link', help: 'Offer “send me a link” on /enroll/request to users in the directory.', default: true },

  maxTokensPerUser: whole('tokens', 'Tokens per user', 1, 10, 'tokens', 1, 'The most active tokens one person may have.'),
  replacementNeedsApproval: { kind: 'yes-no', section: 'tokens', label: 'Replacements need the helpdesk', help: 'After signing in by emailed link or recovery code, a person may report a token lost but not enrol a new one.', default: false },
  hardwareClaimEnabled: { kind: 'yes-no', section: 'tokens', label: 'People may claim hardware tokens', help: 'In the portal, a signed-in person may take a hardware token from inventory by its serial and two consecutive codes.', default: false },
  tempPasscodeMaxHours: whole('tokens', 'Temporary passcode lasts at most', 1, 168, 'hours', 72, 'The longest validity the helpdesk may give a temporary passcode.'),
  tempPasscodeHours: whole('tokens', 'Temporary passcode usual validity', 1, 168, 'hours', 24, 'The validity the helpdesk form starts with; at most the maximum.'),

  sessionIdleMinutes: whole('sessions', 'Portal idle timeout', 5, 480, 'minutes', 15, 'A portal session ends after this many minutes without a request.'),
  staffSessionIdleMinutes: whole('sessions', 'Staff idle timeout', 5, 480, 'minutes', 15, 'A helpdesk or admin session ends after this many minutes without a request.'),

  recoveryCodesAtValidation: { kind: 'yes-no', section: 'validation', label: 'Accept recovery codes', help: 'The validation API (VPN, remote desktop) accepts a recovery code in place of PIN and code.', default: false },
  rejectExpiredPin: { kind: 'yes-no', section: 'validation', label: 'Refuse expired PINs', help: 'The validation API rejects a passcode whose PIN has expired (otherwise only the portal reminds).', default: false },

  dormantAfterDays: { kind: 'optional-whole', section: 'dormant', label: 'A token is dormant after', min: 30, max: 3650, unit: 'days unused', default: null, emptyMeans: 'tokens never count as dormant', help: 'Seed policy: 365 (not used for 12 months).' },
  dormantWarnDays: whole('dormant', 'Warn the owner', 1, 90, 'days before acting', 30, 'The owner is emailed this long before the token is disabled or deleted.'),
  dormantAction: {
    kind: 'choice',
    section: 'dormant',
    label: 'Dormant token action',
    help: 'What happens to a dormant token after the warning.',
    choices: [
      { value: 'DISABLE', label: 'Disable it (the helpdesk can enable it again)' },
      { value: 'DELETE', label: 'Delete it' },
    ],
    default: 'DISABLE',
  },

  auditRetentionDays: whole('audit', 'Keep audit events for', 30, 3650, 'days', 400, 'Older events are deleted by the background worker.'),
} as const satisfies Record<string, PolicyField>

export type PolicyName = keyof typeof POLICY_FIELDS
export const POLICY_NAMES = Object.keys(POLICY_FIELDS) as PolicyName[]

/** The sentence shown when a value is refused: the field's own bounds. */
export function policyMessage(field: PolicyField): string {
  if (field.kind === 'whole') return `${field.label}: enter a whole number from ${field.min} to ${field.max}.`
  if (field.kind === 'optional-whole') return `${field.label}: enter a whole number from ${field.min} to ${field.max}, or leave it empty (${field.emptyMeans}).`
  if (field.kind === 'choice') return `${field.label}: choose one of the options.`
  if (field.kind === 'day-list') return `${field.label}: list up to ${field.most} whole numbers of days from ${field.min} to ${field.max}, separated by commas (e.g. 2, 5), or leave it empty (${field.emptyMeans}).`
  return `${field.label}: choose yes or no.`
}

// A form posts text; the stored record holds numbers. Both go through here.
const toNumber = (v: unknown) => (typeof v === 'string' ? (/^\s*-?\d+\s*$/.test(v) ? Number(v) : Number.NaN) : v)
const toOptional = (v: unknown) => (v === null || v === undefined || (typeof v === 'string' && v.trim() === '') ? null : toNumber(v))
// An unchecked checkbox is absent from the form; "on" is a checked one.
const toBoolean = (v: unknown) => (v === 'on' || v === 'true' ? true : v === undefined || v === '' || v === 'false' ? false : v)

/**
 * "5, 2 ,5" → "2,5": the days of a day list, ascending without repeats, or
 * null when a part is not a whole number. Empty text is an empty list.
 */
export function normalizeDayList(v: unknown): string | null {
  if (typeof v !== 'string') return null
  const parts = v.split(/[\s,;]+/).filter(Boolean)
  if (!parts.every((p) => /^\d{1,4}$/.test(p))) return null
  return [...new Set(parts.map(Number))].sort((a, b) => a - b).join(',')
}

/** The days of a stored day list ("2,5" → [2, 5]); anything unreadable is no days. */
export function dayListOf(stored: string | null | undefined): number[] {
  const normal = normalizeDayList(stored ?? '')
  return normal ? normal.split(',').map(Number) : []
}

/** The zod schema of one policy, accepting form text or a stored value. */
export function policySchema(field: PolicyField): z.ZodType {
  const error = policyMessage(field)
  if (field.kind === 'whole') return z.preprocess(toNumber, z.number({ error }).int({ error }).min(field.min, { error }).max(field.max, { error }))
  if (field.kind === 'optional-whole') return z.preprocess(toOptional, z.number({ error }).int({ error }).min(field.min, { error }).max(field.max, { error }).nullable())
  if (field.kind === 'yes-no') return z.preprocess(toBoolean, z.boolean({ error }))
  if (field.kind === 'day-list') {
    const { min, max, most } = field
    return z.preprocess(
      (v) => normalizeDayList(v) ?? v,
      z.string({ error }).refine((s) => s === '' || (/^\d+(,\d+)*$/.test(s) && s.split(',').length <= most && s.split(',').every((d) => Number(d) >= min && Number(d) <= max)), { error }),
    )
  }
  return z.enum(field.choices.map((c) => c.value) as [string, ...string[]], { error })
}

/** Each policy's default, as stored. */
export const POLICY_DEFAULTS = Object.fromEntries(POLICY_NAMES.map((name) => [name, POLICY_FIELDS[name].default])) as { [K in PolicyName]: (typeof POLICY_FIELDS)[K]['default'] }

/** How a default reads on the page: "15 minutes", "Yes", "empty (PINs never expire)". */
export function describeDefault(field: PolicyField): string {
  if (field.kind === 'whole') return `${field.default} ${field.unit}`
  if (field.kind === 'optional-whole') return field.default === null ? `empty (${field.emptyMeans})` : `${field.default} ${field.unit}`
  if (field.kind === 'yes-no') return field.default ? 'Yes' : 'No'
  if (field.kind === 'day-list') return field.default === '' ? `empty (${field.emptyMeans})` : `${field.default.replace(/,/g, ', ')} days`
  return field.choices.find((c) => c.value === field.default)?.label ?? field.default
}
