import { spawnSync } from 'node:child_process'
import { beforeAll, describe, expect, it } from 'vitest'
import { cliHarness, type CliResult } from './cli-harness'

// The real CLI in a child process, as an administrator would run it.
const { env, portal, sql } = cliHarness('main')

function expectOneLineError(result: CliResult, message: string | RegExp) {
  expect(result.code).toBe(1)
  expect(result.stdout).toBe('')
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
  expect(result.stderr).toMatch(typeof message === 'string' ? `portal: ${message}` : message)
}

describe('portal CLI', () => {
  beforeAll(() => {
    const first = portal(['db', 'migrate'])
    expect(first.stderr).toBe('')
    expect(first.stdout).toMatch(/^Applied \d+ migration\(s\): \d+_init, /)
    expect(portal(['db', 'migrate']).stdout).toBe('Database is up to date\n')
  }, 60_000)

  it('adds users and lists them, as text and as JSON', () => {
    const added = portal(['user', 'add', '--username', 'JDoe', '--email', 'jdoe@example.com', '--name', 'Jane Doe', '--group', 'vpn'])
    expect(added).toMatchObject({ code: 0, stdout: 'Added user jdoe <jdoe@example.com> in vpn\n' })

    const json = portal(['user', 'add', '--username', 'asmith', '--email', 'asmith@example.com', '--json'])
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout)).toMatchObject({ username: 'asmith', email: 'asmith@example.com', groups: [] })

    const list = portal(['user', 'list'])
    expect(list.code).toBe(0)
    expect(list.stdout.split('\n')[0]).toMatch(/^USERNAME\s+EMAIL\s+NAME\s+GROUPS\s+STATUS\s+ACTIVE TOKENS$/)
    expect(list.stdout).toMatch(/jdoe\s+jdoe@example.com\s+Jane Doe\s+vpn\s+active\s+0/)

    const listed = JSON.parse(portal(['user', 'list', '--json']).stdout) as { username: string }[]
    expect(listed.map((u) => u.username)).toEqual(['asmith', 'jdoe'])
    expect(JSON.parse(portal(['user', 'list', '--search', 'as', '--json']).stdout)).toHaveLength(1)
    // The console's search: a display name's start finds its person too, whatever the case.
    const byName = portal(['user', 'list', '--search', 'JANE D'])
    expect(byName.stdout.split('\n')[0]).toMatch(/^USERNAME\s+EMAIL\s+NAME\s+GROUPS\s+STATUS\s+ACTIVE TOKENS$/)
    expect(byName.stdout).toMatch(/jdoe\s+jdoe@example.com\s+Jane Doe\s+vpn\s+active\s+0/)
    expect(portal(['user', 'list', '--search', 'zzz']).stdout).toBe('No user starts with "zzz" (username, email, name or token serial).\n')
  }, 60_000)

  it('rejects bad input with one line, exit code 1, and changes nothing', () => {
    const before = portal(['user', 'list', '--json']).stdout
    expectOneLineError(portal(['user', 'add', '--username', 'jdoe', '--email', 'x@example.com']), 'A user named jdoe already exists')
    expectOneLineError(portal(['user', 'add', '--username', 'new']), '--email is required')
    expectOneLineError(portal(['user', 'add', '--username', 'new', '--email', 'nope']), 'Email must be a valid address')
    expectOneLineError(portal(['user', 'add', '--username', 'new', '--email', 'a@b.example', '--colour', 'red']), /portal: Unknown option '--colour'/)
    expectOneLineError(portal(['user', 'list', '--limit', 'lots']), '--limit must be a whole number from 1 to 1000')
    expectOneLineError(portal(['user', 'list', '--search', ' j ']), '--search needs at least 2 characters')
    expectOneLineError(portal(['user', 'remove']), /portal: unknown user command "remove"/)
    expectOneLineError(portal(['frobnicate']), 'unknown command "frobnicate"; run `portal help` for the list')
    expect(portal(['user', 'list', '--json']).stdout).toBe(before)
  }, 60_000)

  it('invites users into the local outbox when SMTP_URL is unset, and refuses unknown names', () => {
    const invited = portal(['invite', 'jdoe'])
    expect(invited).toMatchObject({
      code: 0,
      stdout: 'Invited 1 user(s): jdoe. SMTP_URL is not set: the emails stay in the local outbox (open /dev/mail to read them).\n',
    })
    const pending = JSON.parse(portal(['invite', '--all-pending', '--json']).stdout) as { invited: { username: string }[] }
    expect(pending.invited.map((i) => i.username)).toEqual(['asmith'])
    expect(portal(['invite', '--all-pending']).stdout).toBe('No pending users: everyone has an active token or a live invitation.\n')

    expectOneLineError(portal(['invite', 'jdoe', 'ghost']), 'No user named ghost; nothing was sent')
    expectOneLineError(portal(['invite']), /portal: name at least one user/)
    expectOneLineError(portal(['invite', 'jdoe', '--all-pending']), 'give usernames or --all-pending, not both')
    expectOneLineError(portal(['mail', 'work', '--once']), /portal: SMTP_URL is not set/)
  }, 60_000)

  it('draws the --all-pending progress as a bar redrawn in place on a terminal, and plain lines in a pipe', () => {
    for (const n of [1, 2, 3]) expect(portal(['user', 'add', '--username', `tty${n}`, '--email', `tty${n}@example.com`]).code).toBe(0)
    // A pseudo-terminal (util-linux's script), as in an operator's shell: stdout and stderr both arrive on it.
    const terminal = spawnSync('script', ['-qefc', `${process.execPath} bin/portal.mjs invite --all-pending`, '/dev/null'], { env, encoding: 'utf8' })
    expect(terminal.status).toBe(0)
    expect(terminal.stdout).toMatch(/\r\[#{30}\] 3\/3 invited \(3 queued, 0 sent, 0 failed, 0 remaining\)\u001b\[K\r?\n/)
    expect(terminal.stdout).toContain('Invited 3 user(s): tty1, tty2, tty3.')
    // Not a terminal: no bar, no control characters; the progress as lines on stderr.
    for (const n of [4, 5]) expect(portal(['user', 'add', '--username', `tty${n}`, '--email', `tty${n}@example.com`]).code).toBe(0)
    const piped = portal(['invite', '--all-pending'])
    expect(piped).toMatchObject({ code: 0, stdout: expect.stringContaining('Invited 2 user(s): tty4, tty5.') })
    expect(piped.stderr).toMatch(/^0\/2 invited \(0 queued, 0 sent, 0 failed, 2 remaining\)\n/)
    expect(piped.stderr).not.toMatch(/[\r\u001b]/)
  }, 60_000)

  it('prints usage for help, and exits 1 with usage when given nothing', () => {
    const help = portal(['help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('portal user add --username <u> --email <e>')
    expect(portal([]).code).toBe(1)
  }, 30_000)

  it('refuses to run in production with a malformed key, naming it without echoing it', () => {
    const bad = 'dG9vLXNob3J0'
    const result = portal(['user', 'list'], { NODE_ENV: 'production', APP_URL: 'https://portal.example.com', SECRET_KEY: bad })
    expectOneLineError(result, /portal: SECRET_KEY/)
    expect(result.stderr).not.toContain(bad)
  }, 30_000)
  it('creates, lists and revokes API keys; the key is printed once and stored only hashed', () => {
    const created = portal(['apikey', 'create', '--name', 'vpn-gw1', '--json'])
    expect(created.code).toBe(0)
    const { key, keyPrefix } = JSON.parse(created.stdout) as { key: string; keyPrefix: string }
    expect(key).toMatch(/^tp_[A-Za-z0-9_-]{43}$/)
    expect(key.startsWith(keyPrefix)).toBe(true)
    expect(portal(['apikey', 'list']).stdout).toMatch(new RegExp(`^vpn-gw1\\s+${keyPrefix}….*active$`, 'm'))
    expectOneLineError(portal(['apikey', 'create', '--name', 'vpn-gw1']), 'An API client named vpn-gw1 already exists; revoke it first or choose another name')
    expectOneLineError(portal(['apikey', 'create']), '--name is required; usage: portal apikey create --name <n> [--allow <cidr>]...')
    expectOneLineError(portal(['apikey', 'create', '--name', '<script>']), 'API client names may contain letters, digits, spaces, dots, hyphens and underscores')
    expectOneLineError(portal(['apikey', 'revoke', 'nope']), 'No active API client named nope')
    const rows = sql<{ keyHash: string }>('SELECT keyHash FROM ApiClient')
    expect(rows).toHaveLength(1)
    expect(rows[0]!.keyHash).not.toContain(key.slice(3, 20))
    expect(portal(['apikey', 'revoke', 'vpn-gw1']).stdout).toBe(`Revoked API client vpn-gw1 (${keyPrefix}…): its key no longer works.\n`)
    expect(portal(['apikey', 'list']).stdout).toMatch(/revoked \d{4}-/)
    // Limited to some client addresses (--allow, repeated or comma-separated).
    expectOneLineError(portal(['apikey', 'create', '--name', 'lab', '--allow', '10.0.0.0/33']), 'The prefix length after "/" must be a number from 0 to 32')
    const limited = portal(['apikey', 'create', '--name', 'lab', '--allow', '10.0.0.0/8,2001:DB8::/32', '--allow', '192.0.2.7'])
    expect(limited.stdout).toContain('It works only from 10.0.0.0/8, 2001:db8::/32, 192.0.2.7/32.')
    expect(portal(['apikey', 'list']).stdout).toMatch(/^lab\s+tp_\S+…\s.*\s10\.0\.0\.0\/8,2001:db8::\/32,192\.0\.2\.7\/32\s+active$/m)
    expect(portal(['apikey', 'revoke', 'lab']).code).toBe(0)
  }, 60_000)

  it('adds, lists, switches and removes MFA exclusion rules; bad input writes nothing', () => {
    const added = portal(['exclusion', 'add', '--address', '::ffff:10.0.0.0/104', '--description', 'Lab network', '--expires', '2099-12-31', '--json'])
    expect(added.code).toBe(0)
    const rule = JSON.parse(added.stdout) as { id: string; kind: string; value: string; expiresAt: string; enabled: boolean }
    expect(rule).toMatchObject({ kind: 'CLIENT_ADDRESS', value: '10.0.0.0/8', expiresAt: '2100-01-01T00:00:00.000Z', enabled: true })
    expect(portal(['exclusion', 'add', '--user', 'JDoe', '--description', 'Service account']).stdout).toMatch(/^Added exclusion rule \S+: user jdoe signs in WITHOUT a second factor\.\n$/)
    expectOneLineError(portal(['exclusion', 'add', '--address', '10.1.2.3/8', '--description', 'x']), '"10.1.2.3/8" has bits set beyond its prefix: did you mean 10.0.0.0/8?')
    expectOneLineError(portal(['exclusion', 'add', '--address', '10.0.0.0/33', '--description', 'x']), 'The prefix length after "/" must be a number from 0 to 32')
    expectOneLineError(portal(['exclusion', 'add', '--user', 'jdoe', '--group', 'vpn', '--description', 'x']), /give exactly one of --user, --group, --address, --client/)
    expectOneLineError(portal(['exclusion', 'add', '--user', 'jdoe']), /--description is required/)
    expectOneLineError(portal(['exclusion', 'add', '--user', 'jdoe', '--description', 'again']), 'A rule for user jdoe already exists')
    expectOneLineError(portal(['exclusion', 'remove', 'nope']), 'No such exclusion rule (it may have been removed meanwhile)')
    expect(JSON.parse(portal(['exclusion', 'list', '--json']).stdout)).toHaveLength(2)

    expect(portal(['exclusion', 'disable', rule.id]).stdout).toBe(`Disabled exclusion rule ${rule.id} (client_address 10.0.0.0/8).\n`)
    expect(portal(['exclusion', 'list']).stdout).toMatch(new RegExp(`^${rule.id}\\s+client_address\\s+10\\.0\\.0\\.0/8\\s+disabled\\s+2100-01-01 00:00\\s+Lab network$`, 'm'))
    expect(portal(['exclusion', 'remove', rule.id]).code).toBe(0)
    expect(JSON.parse(portal(['exclusion', 'list', '--json']).stdout)).toHaveLength(1)
  }, 60_000)

  it('prints a temporary passcode once, and refuses bad arguments without issuing one', () => {
    expect(portal(['user', 'add', '--username', 'tina', '--email', 'tina@example.com']).code).toBe(0)
    const issued = portal(['temp-passcode', 'TINA', '--hours', '4', '--single-use'])
    expect(issued.code).toBe(0)
    expect(issued.stdout).toMatch(/^Temporary passcode for tina, shown only this once:\n\n  [2-9A-HJKMNP-TW-Z]{5} [2-9A-HJKMNP-TW-Z]{5}\n/)
    expect(issued.stdout).toContain('for one sign-in')
    expectOneLineError(portal(['temp-passcode', 'ghost']), 'No user named ghost')
    expectOneLineError(portal(['temp-passcode']), /portal: name the user; usage: portal temp-passcode <username>/)
    expectOneLineError(portal(['temp-passcode', 'tina', '--hours', 'soon']), '--hours must be a whole number of hours')
    expectOneLineError(portal(['temp-passcode', 'tina', '--hours', '500']), 'A temporary passcode lasts 1 to 72 whole hours')
    expect(sql('SELECT count(*) AS n FROM TemporaryPasscode')).toEqual([{ n: 1 }])
  }, 60_000)

  it('adds staff with an emailed set-up link, prints a first-admin URL while no admin exists, and refuses bad input', () => {
    const url = portal(['staff', 'setup-url'])
    expect(url.code).toBe(0)
    expect(url.stdout).toMatch(/^No administrator exists yet\. Set up the first one, within an hour, at:\n\n  http:\/\/localhost:3000\/staff\/setup\/[A-Za-z0-9_-]{43}\n/)
    const asJson = JSON.parse(portal(['staff', 'setup-url', '--json']).stdout) as { url: string; expiresAt: string }
    expect(asJson.url).toMatch(/\/staff\/setup\/[A-Za-z0-9_-]{43}$/)

    const added = portal(['staff', 'add', '--username', 'Helen', '--email', 'helen@example.com', '--role', 'HELPDESK'])
    expect(added).toMatchObject({ code: 0, stdout: 'Added helpdesk helen <helen@example.com>. Their set-up link works once, for 24 hours. SMTP_URL is not set: the email stays in the local outbox (open /dev/mail to read it).\n' })
    const json = JSON.parse(portal(['staff', 'add', '--username', 'ada', '--email', 'ada@example.com', '--role', 'admin', '--name', 'Ada L', '--json']).stdout)
    expect(json).toMatchObject({ username: 'ada', email: 'ada@example.com', role: 'admin' })
    expect(portal(['staff', 'list']).stdout).toMatch(/^helen\s+helen@example.com\s+helpdesk\s+pending\s+-$/m)
    expect(JSON.parse(portal(['staff', 'list', '--json']).stdout)).toHaveLength(2)

    expectOneLineError(portal(['staff', 'add', '--username', 'helen', '--email', 'h@example.com', '--role', 'admin']), 'A staff account named helen already exists')
    expectOneLineError(portal(['staff', 'add', '--username', 'x', '--email', 'x@example.com', '--role', 'root']), 'Role must be helpdesk or admin')
    expectOneLineError(portal(['staff', 'add', '--username', 'x', '--email', 'x@example.com']), '--role is required (helpdesk or admin)')
    expectOneLineError(portal(['staff', 'add', '--username', 'x', '--email', 'bad', '--role', 'admin']), 'Email must be a valid address')
    expectOneLineError(portal(['staff', 'remove']), /portal: unknown staff command "remove"/)
    expect(sql("SELECT count(*) AS n FROM OutboxMessage WHERE template = 'staff-setup'")).toEqual([{ n: 2 }])
    // Pending admins do not count: a first-admin URL is still printed.
    expect(portal(['staff', 'setup-url']).code).toBe(0)
    sql("UPDATE StaffUser SET activatedAt = '2026-11-24T00:00:00.000+00:00' WHERE username = 'ada'")
    expectOneLineError(portal(['staff', 'setup-url']), 'an administrator exists already; administrators add staff with: portal staff add')
  }, 90_000)
})
