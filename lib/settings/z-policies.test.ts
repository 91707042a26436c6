import { describe, expect, it } from 'vitest'
import { POLICY_DEFAULTS, POLICY_FIELDS, POLICY_NAMES, policyMessage } from './policy-fields'
import { PLATFORMS, tokenTypeColumns, tokenTypesByPlatformOf, ZPolicies } from './z-policies'

/** The form as an admin who changes nothing posts it: every default, as text. */
function defaultForm(): Record<string, unknown> {
  const form: Record<string, unknown> = {}
  for (const name of POLICY_NAMES) {
    const d = POLICY_DEFAULTS[name]
    form[name] = typeof d === 'boolean' ? (d ? 'on' : undefined) : d === null ? '' : String(d)
  }
  form.tokenTypes = Object.fromEntries(PLATFORMS.map((p) => [p, ['TOTP']]))
  return form
}

const errorsOf = (input: Record<string, unknown>) => {
  const parsed = ZPolicies.safeParse(input)
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]))
}

describe('ZPolicies', () => {
  it('accepts the defaults and gives typed values back', () => {
    const parsed = ZPolicies.parse(defaultForm())
    expect(parsed).toMatchObject({ pinMinLength: 4, pinMaxLength: 16, pinRejectTrivial: true, selfRequestEnabled: true, recoveryCodesAtValidation: false, pinMaxAgeDays: 90, dormantAfterDays: null, dormantAction: 'DISABLE', tempPasscodeMaxHours: 72 })
  })

  it.each(POLICY_NAMES.filter((n) => POLICY_FIELDS[n].kind === 'whole' || POLICY_FIELDS[n].kind === 'optional-whole'))('refuses %s below its minimum, above its maximum, and not a whole number, with its own message', (name) => {
    const field = POLICY_FIELDS[name] as { min: number; max: number; label: string }
    const message = policyMessage(POLICY_FIELDS[name])
    expect(message).toContain(field.label)
    for (const bad of [String(field.min - 1), String(field.max + 1), 'abc', '1.5', '12abc', ' ']) {
      const input = { ...defaultForm(), [name]: bad }
      // An optional field's blank is "off", which is valid.
      if (bad === ' ' && POLICY_FIELDS[name].kind === 'optional-whole') continue
      expect(errorsOf(input)[name], `${name}=${JSON.stringify(bad)}`).toBe(message)
    }
    // Both bounds themselves are fine (unless a pair rule says otherwise, as for a reminder longer than the expiry).
    for (const ok of [field.min, field.max]) {
      expect(errorsOf({ ...defaultForm(), [name]: String(ok) })[name] ?? message).toSatisfy((m: string) => m === message || !m.includes('whole number'))
    }
  })

  it('takes an empty optional field as "off", a missing checkbox as no, and refuses an unknown choice', () => {
    const parsed = ZPolicies.parse({ ...defaultForm(), autoUnlockMinutes: '', pinRejectTrivial: undefined, recoveryCodesAtValidation: 'on' })
    expect(parsed).toMatchObject({ autoUnlockMinutes: null, pinRejectTrivial: false, recoveryCodesAtValidation: true })
    expect(errorsOf({ ...defaultForm(), pinCharset: 'emoji' })).toEqual({ pinCharset: 'PIN characters: choose one of the options.' })
    expect(errorsOf({ ...defaultForm(), dormantAction: 'SHRED' })).toEqual({ dormantAction: 'Dormant token action: choose one of the options.' })
  })

  it('refuses pairs that disagree, on the field to fix', () => {
    expect(errorsOf({ ...defaultForm(), pinMinLength: '8', pinMaxLength: '6' })).toEqual({ pinMaxLength: 'Longest PIN: must be at least the shortest PIN.' })
    expect(errorsOf({ ...defaultForm(), tempPasscodeHours: '96', tempPasscodeMaxHours: '72' })).toEqual({ tempPasscodeHours: 'Temporary passcode usual validity: at most the maximum.' })
    expect(errorsOf({ ...defaultForm(), autoUnlockMinutes: '60', autoUnlockMaxMinutes: '30' })).toMatchObject({ autoUnlockMaxMinutes: 'Longest lock: must be at least the first lock.' })
    expect(errorsOf({ ...defaultForm(), dormantAfterDays: '60', dormantWarnDays: '60' })).toEqual({ dormantWarnDays: 'Warn the owner: must be fewer days than the dormancy period.' })
    expect(errorsOf({ ...defaultForm(), dormantAfterDays: '365', dormantWarnDays: '30' })).toEqual({})
  })

  it('reads the reminder days as a list: sorted, without repeats, empty for none, within bounds and before the link expires', () => {
    expect(ZPolicies.parse({ ...defaultForm(), enrollmentReminderDays: '5, 2 ,5' }).enrollmentReminderDays).toBe('2,5')
    expect(ZPolicies.parse({ ...defaultForm(), enrollmentReminderDays: '  ' }).enrollmentReminderDays).toBe('')
    const message = policyMessage(POLICY_FIELDS.enrollmentReminderDays)
    for (const bad of ['0', '91', 'two', '1.5', '1,2,3,4,5,6', '-2']) expect(errorsOf({ ...defaultForm(), enrollmentReminderDays: bad }), bad).toEqual({ enrollmentReminderDays: message })
    expect(errorsOf({ ...defaultForm(), enrollmentReminderDays: '2,7' })).toEqual({ enrollmentReminderDays: 'Remind unfinished enrollments: each reminder must come before the invitation link expires.' })
    expect(errorsOf({ ...defaultForm(), enrollmentReminderDays: '2,7', invitationTtlHours: '240' })).toEqual({})
  })

  it('needs at least one token type per platform', () => {
    const form = defaultForm()
    form.tokenTypes = { ...(form.tokenTypes as object), windows: [] }
    expect(errorsOf(form)).toEqual({ tokenTypes: 'Windows: allow at least one token type.' })
  })
})

describe('token types per platform', () => {
  const all = (types: ('TOTP' | 'HOTP')[]) => Object.fromEntries(PLATFORMS.map((p) => [p, types])) as Parameters<typeof tokenTypeColumns>[0]

  it('stores one list when every platform allows the same, and narrows per platform otherwise', () => {
    expect(tokenTypeColumns(all(['TOTP']))).toEqual({ allowedTokenTypes: 'TOTP', tokenTypesByPlatform: null })
    expect(tokenTypeColumns(all(['HOTP', 'TOTP']))).toEqual({ allowedTokenTypes: 'TOTP,HOTP', tokenTypesByPlatform: null })
    const mixed = { ...all(['TOTP']), windows: ['TOTP', 'HOTP'] as ('TOTP' | 'HOTP')[] }
    const columns = tokenTypeColumns(mixed)
    expect(columns.allowedTokenTypes).toBe('TOTP,HOTP')
    // Read back, each platform allows what was ticked.
    expect(tokenTypesByPlatformOf(columns)).toEqual(mixed)
  })

  it('reads the older group keys ("phone", "desktop") per platform', () => {
    const byPlatform = tokenTypesByPlatformOf({ allowedTokenTypes: 'TOTP,HOTP', tokenTypesByPlatform: '{"phone":["TOTP"],"desktop":["TOTP","HOTP"]}' })
    expect(byPlatform).toMatchObject({ ios: ['TOTP'], android: ['TOTP'], windows: ['TOTP', 'HOTP'], linux: ['TOTP', 'HOTP'] })
  })
})
