import { beforeAll, describe, expect, it } from 'vitest'
import { cliHarness } from './cli-harness'

// `portal maintenance run …` in a child process, as an operator runs it, on its own database.
const { portal, sql } = cliHarness('maintenance')
// Stored as Prisma stores DateTimes on SQLite. The child process runs on the real clock, so dates are relative to it.
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().replace('Z', '+00:00')
const tokens = () => sql<{ serial: string; status: string; dormantWarnedAt: string | null }>('SELECT serial, status, dormantWarnedAt FROM Token ORDER BY serial')
const outbox = () => sql<{ to: string; template: string }>('SELECT "to", template FROM OutboxMessage ORDER BY "to"')

function addToken(username: string, serial: string, { lastUsedDaysAgo, warnedDaysAgo }: { lastUsedDaysAgo: number; warnedDaysAgo?: number }) {
  const [user] = sql<{ id: string }>('SELECT id FROM User WHERE username = ?', username)
  sql(
    `INSERT INTO Token (id, serial, userId, status, secretCiphertext, secretKeyId, lastUsedAt, activatedAt, statusChangedAt, dormantWarnedAt, createdAt, updatedAt)
     VALUES (?, ?, ?, 'ACTIVE', 'sealed', 'k1', ?, ?, ?, ?, ?, ?)`,
    `tok-${serial}`,
    serial,
    user!.id,
    daysAgo(lastUsedDaysAgo),
    daysAgo(500),
    daysAgo(500),
    warnedDaysAgo === undefined ? null : daysAgo(warnedDaysAgo),
    daysAgo(500),
    daysAgo(500),
  )
}

describe('portal maintenance run', () => {
  beforeAll(() => {
    expect(portal(['db', 'migrate']).code).toBe(0)
    expect(portal(['user', 'add', '--username', 'alice', '--email', 'alice@example.com']).code).toBe(0)
    expect(portal(['user', 'add', '--username', 'bob', '--email', 'bob@example.com']).code).toBe(0)
    addToken('alice', 'TPALICE001', { lastUsedDaysAgo: 400 })
    addToken('bob', 'TPBOB00001', { lastUsedDaysAgo: 400, warnedDaysAgo: 31 })
  }, 60_000)

  it('says when the policy is off and does nothing', () => {
    const off = portal(['maintenance', 'run', '--dry-run'])
    expect(off).toMatchObject({ code: 0, stdout: 'The dormant-token policy is off (no period set): nothing to do.\n' })
    expect(JSON.parse(portal(['maintenance', 'run', '--dry-run', '--json']).stdout)).toEqual({ steps: [], dryRun: true, policy: null, counts: { warned: 0, disabled: 0, revoked: 0 }, waiting: 0, skipped: 0 })
    const real = portal(['maintenance', 'run', '--json'])
    expect(real.code).toBe(0)
    expect(JSON.parse(real.stdout)).toEqual({ dryRun: false, policy: null, counts: { warned: 0, disabled: 0, revoked: 0 }, waiting: 0, skipped: 0 })
    expect(tokens().map((t) => t.status)).toEqual(['ACTIVE', 'ACTIVE'])
  }, 60_000)

  it('refuses unknown commands and options with a usage line', () => {
    expect(portal(['maintenance'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^portal: unknown maintenance command; usage: portal maintenance run \[--dry-run\]/) })
    expect(portal(['maintenance', 'run', '--force'])).toMatchObject({ code: 1, stderr: expect.stringContaining("Unknown option '--force'") })
  }, 60_000)

  it('lists what the dry run would do without changing anything, then the real run does it and prints counts', () => {
    sql('UPDATE Settings SET dormantAfterDays = 365, dormantWarnDays = 30, dormantAction = ?', 'DISABLE')
    const before = tokens()

    const dry = portal(['maintenance', 'run', '--dry-run'])
    expect(dry.code).toBe(0)
    // Each step as it is found (fixed columns), then the counts.
    const lines = dry.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^STEP\s+USERNAME\s+SERIAL\s+LAST USED\s+ACTION DUE$/)
    expect(lines.slice(1, 3).map((l) => l.split(/\s{2,}/).slice(0, 3))).toEqual(
      expect.arrayContaining([
        ['warn', 'alice', 'TPALICE001'],
        ['disable', 'bob', 'TPBOB00001'],
      ]),
    )
    expect(lines.find((l) => l.startsWith('warn'))).toContain(daysAgo(400).slice(0, 10))
    expect(lines.slice(3)).toEqual([
      'Dormant tokens (unused for 365 days, warned 30 days ahead): this run would warn the owners of 1 token, would disable 1 token, would revoke 0 tokens.',
      'Dry run: nothing was changed and no email was sent.',
    ])

    const json = JSON.parse(portal(['maintenance', 'run', '--dry-run', '--json']).stdout)
    expect(json).toMatchObject({ dryRun: true, policy: { afterDays: 365, warnDays: 30, action: 'DISABLE' }, counts: { warned: 1, disabled: 1, revoked: 0 } })
    expect(json.steps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ step: 'warn', username: 'alice', serial: 'TPALICE001', lastUsedAt: expect.stringMatching(/Z$/) }),
        expect.objectContaining({ step: 'disable', username: 'bob', serial: 'TPBOB00001' }),
      ]),
    )
    expect(tokens()).toEqual(before)
    expect(outbox()).toEqual([])

    const real = portal(['maintenance', 'run'])
    expect(real).toMatchObject({ code: 0, stdout: 'Dormant tokens (unused for 365 days, warned 30 days ahead): warned the owners of 1 token, disabled 1 token, revoked 0 tokens.\n' })
    expect(tokens()).toEqual([
      { serial: 'TPALICE001', status: 'ACTIVE', dormantWarnedAt: expect.any(String) },
      { serial: 'TPBOB00001', status: 'DISABLED', dormantWarnedAt: null },
    ])
    expect(outbox()).toEqual([
      { to: 'alice@example.com', template: 'token-dormant-warning' },
      { to: 'bob@example.com', template: 'token-dormant-action' },
    ])
    // Each real run is audited in the CLI's name (the first, with the policy off, too).
    const runs = sql<{ actorLabel: string; details: string }>("SELECT actorLabel, details FROM AuditEvent WHERE action = 'maintenance.ran' ORDER BY at")
    expect(runs.map((r) => [r.actorLabel, JSON.parse(r.details)])).toEqual([
      ['cli', { policy: 'off', warned: 0, disabled: 0, revoked: 0, skipped: 0 }],
      ['cli', { policy: 'DISABLE after 365 days', warned: 1, disabled: 1, revoked: 0, skipped: 0 }],
    ])

    // Again at once: alice is within her notice, bob is done.
    const again = JSON.parse(portal(['maintenance', 'run', '--json']).stdout)
    expect(again).toMatchObject({ counts: { warned: 0, disabled: 0, revoked: 0 }, waiting: 1 })
  }, 60_000)
})

describe('portal maintenance reminders', () => {
  it('sends the reminders due at --now, once, and refuses a bad time', () => {
    expect(portal(['user', 'add', '--username', 'carol', '--email', 'carol@example.com']).code).toBe(0)
    expect(portal(['invite', 'carol']).code).toBe(0)
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000 + 60_000).toISOString()
    expect(JSON.parse(portal(['maintenance', 'reminders', '--json']).stdout)).toMatchObject({ sent: 0 })
    const first = portal(['maintenance', 'reminders', '--now', inTwoDays])
    expect(first).toMatchObject({ code: 0, stdout: `Enrollment reminders at ${inTwoDays}: 1 sent (1 with a fresh link), 0 already sent elsewhere.\n` })
    expect(JSON.parse(portal(['maintenance', 'reminders', '--now', inTwoDays, '--json']).stdout)).toEqual({ now: inTwoDays, sent: 0, freshLinks: 0, skipped: 0 })
    expect(outbox().filter((m) => m.template === 'enrollment-reminder')).toEqual([{ to: 'carol@example.com', template: 'enrollment-reminder' }])
    expect(portal(['maintenance', 'reminders', '--now', 'tomorrow'])).toMatchObject({ code: 1, stderr: expect.stringContaining('--now takes an ISO 8601 time') })
  }, 60_000)
})
