import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { cliHarness } from './cli-harness'

// `portal token …` in a child process, as an administrator runs it, on its own database.
const { dir, portal, sql, write } = cliHarness('token', { PORTAL_PSKC_PASSWORD: '', PORTAL_PSKC_PSK: '' })
const fixtures = path.join(import.meta.dirname, '../../lib/inventory/fixtures')
const RFC_PSK = '12345678901234567890123456789012'
const HEX = Buffer.from('12345678901234567890').toString('hex')
const fixture = (name: string) => path.join(fixtures, name)
const tokens = () => sql('SELECT serial, origin, status, userId, type, digits, counter, secretCiphertext FROM Token ORDER BY serial')
const importEvents = () => sql<{ details: string }>("SELECT details FROM AuditEvent WHERE action = 'inventory.imported' ORDER BY at, id").map((e) => JSON.parse(e.details))

describe('portal token', () => {
  beforeAll(() => {
    expect(portal(['db', 'migrate']).code).toBe(0)
  }, 60_000)

  it('imports a plain PSKC file, prints the summary with what was skipped, and re-imports as unchanged', () => {
    const first = portal(['token', 'import', fixture('rfc6030-figure5.pskcxml')])
    expect(first).toMatchObject({ code: 0, stderr: '' })
    expect(first.stdout).toBe(
      [
        'Imported rfc6030-figure5.pskcxml (PSKC): 1 added to inventory, 0 already in inventory (unchanged), 1 skipped.',
        'Skipped:',
        '  key package 2 (987654321): its algorithm "urn:ietf:params:xml:ns:keyprov:pskc:pin" is not HOTP or TOTP',
        '',
      ].join('\n'),
    )
    expect(tokens()).toMatchObject([{ serial: '987654321', origin: 'HARDWARE', status: 'INVENTORY', userId: null, type: 'HOTP', digits: 8, counter: 0 }])
    const again = portal(['token', 'import', fixture('rfc6030-figure3.pskcxml'), '--json'])
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout)).toEqual({ file: fixture('rfc6030-figure3.pskcxml'), imported: true, format: 'pskc', added: [], unchanged: ['987654321'], skipped: [] })
    expect(importEvents()).toEqual([
      { source: 'rfc6030-figure5.pskcxml', format: 'pskc', added: 1, unchanged: 0, skipped: 1 },
      { source: 'rfc6030-figure3.pskcxml', format: 'pskc', added: 0, unchanged: 1, skipped: 0 },
    ])
  }, 60_000)

  it('opens encrypted files with a pre-shared key or a password from a file or the environment, and says when it does not', () => {
    const psk = portal(['token', 'import', fixture('multiotp-totp-psk.pskcxml'), '--psk', RFC_PSK])
    expect(psk.stdout).toMatch(/^Imported multiotp-totp-psk.pskcxml \(PSKC\): 2 added/)
    expect(psk.stderr).toBe('Note: --psk leaves the key in your shell history; --psk-file or PORTAL_PSKC_PSK do not.\n')
    expect(portal(['token', 'import', fixture('rfc6030-figure6.pskcxml'), '--psk-file', write('psk.txt', `${RFC_PSK}\n`)])).toMatchObject({ code: 0, stderr: '' })
    const passwordFile = write('password.txt', 'qwerty\n')
    expect(portal(['token', 'import', fixture('multiotp-totp-pbkdf2.pskcxml'), '--password-file', passwordFile]).stdout).toMatch(/: 1 added/)
    expect(portal(['token', 'import', fixture('rfc6030-figure7.pskcxml')], { PORTAL_PSKC_PASSWORD: 'qwerty' }).stdout).toMatch(/: 0 added to inventory, 1 already in inventory/)
    const onCommandLine = portal(['token', 'import', fixture('rfc6030-figure7.pskcxml'), '--password', 'qwerty'])
    expect(onCommandLine.code).toBe(0)
    expect(onCommandLine.stderr).toBe('Note: --password leaves the password in your shell history; --password-file or PORTAL_PSKC_PASSWORD do not.\n')

    const before = tokens()
    const wrong = portal(['token', 'import', fixture('rfc6030-figure7.pskcxml'), '--password-file', write('wrong.txt', 'qwertz')])
    expect(wrong).toEqual({ code: 1, stdout: '', stderr: 'portal: The password does not open this file: its MAC check failed. Check the password; if it is right, the file was altered and the vendor should send it again.\n' })
    expect(portal(['token', 'import', fixture('rfc6030-figure7.pskcxml')]).stderr).toBe(
      'portal: This file is encrypted with a password (the file calls it "My Password 1"); none was given. Give it with --password-file <file>, PORTAL_PSKC_PASSWORD or --password.\n',
    )
    expect(portal(['token', 'import', fixture('rfc6030-figure6.pskcxml')]).stderr).toMatch(/pre-shared key .*Give it with --psk-file <file>, PORTAL_PSKC_PSK or --psk <hex>\.\n$/)
    expect(portal(['token', 'import', fixture('rfc6030-figure6.pskcxml'), '--psk', 'abc'])).toMatchObject({ code: 1, stderr: 'portal: the pre-shared key must be given in hex: 32, 48 or 64 hex digits (an AES-128, -192 or -256 key)\n' })
    expect(portal(['token', 'import', fixture('rfc6030-figure6.pskcxml'), '--psk', RFC_PSK, '--password', 'x']).stderr).toMatch(/give a password or a pre-shared key, not both/)
    expect(tokens()).toEqual(before)
  }, 60_000)

  it('imports a CSV; a CSV with bad rows prints the line-numbered report (text or JSON), exits 1 and imports nothing', () => {
    const good = write('good.csv', `\uFEFFserial;secret_hex;type;digits;counter\nCSV-1;${HEX};HOTP;6;5\n`)
    expect(portal(['token', 'import', good])).toMatchObject({ code: 0, stdout: 'Imported good.csv (CSV): 1 added to inventory, 0 already in inventory (unchanged), 0 skipped.\n' })

    const before = tokens()
    const events = importEvents().length
    const bad = write('bad.csv', `serial,secret_hex,type\nCSV-2,${HEX},TOTP\nCSV-3,nothex,TOTP\nCSV-2,${HEX},TOTP\n`)
    const text = portal(['token', 'import', bad])
    expect(text).toEqual({
      code: 1,
      stdout: 'line 3 (CSV-3): secret_hex is not hexadecimal (pairs of 0-9, a-f)\nline 4 (CSV-2): serial CSV-2 is also on line 2\n',
      stderr: 'portal: 2 row(s) of the file are bad; nothing was imported. Fix them and import the file again.\n',
    })
    const json = portal(['token', 'import', bad, '--json'])
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout)).toEqual({
      file: bad,
      imported: false,
      problems: [
        { where: 'line 3', serial: 'CSV-3', reason: 'secret_hex is not hexadecimal (pairs of 0-9, a-f)' },
        { where: 'line 4', serial: 'CSV-2', reason: 'serial CSV-2 is also on line 2' },
      ],
    })
    const malformed = portal(['token', 'import', write('wrong-header.csv', 'serial,secret,type\n')])
    expect(malformed).toEqual({ code: 1, stdout: '', stderr: 'portal: The file is not a usable seed CSV: name the secret column secret_hex or secret_base32, so its encoding is never guessed.\n' })
    expect(portal(['token', 'import', write('doctype.xml', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')]).stderr).toBe(
      'portal: The file declares a DOCTYPE or entities; PSKC files need neither, so it is refused unread.\n',
    )
    expect(tokens()).toEqual(before)
    expect(importEvents()).toHaveLength(events)
  }, 60_000)

  it('never changes a token that left inventory, and says so', () => {
    sql("UPDATE Token SET status = 'ACTIVE', counter = 9 WHERE serial = 'CSV-1'")
    const before = tokens()
    const result = portal(['token', 'import', write('reissue.csv', `serial,secret_base32,type\nCSV-1,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJR,TOTP\n`), '--json'])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ added: [], unchanged: [], skipped: [{ where: 'line 2', serial: 'CSV-1', reason: 'the token is active; an import never changes it' }] })
    expect(tokens()).toEqual(before)
  }, 60_000)

  it('lists the inventory and counts tokens by state', () => {
    const list = portal(['token', 'list', '--inventory'])
    expect(list.code).toBe(0)
    expect(list.stdout.split('\n')[0]).toMatch(/^SERIAL\s+TYPE\s+ALGORITHM\s+DIGITS\s+PERIOD\/COUNTER\s+IMPORTED$/)
    expect(list.stdout).toMatch(/^987654321\s+HOTP\s+SHA1\s+8\s+#0\s+\d{4}-\d\d-\d\d$/m)
    expect(list.stdout).toMatch(/^ZZ8000000002\s+TOTP\s+SHA512\s+8\s+30 s/m)
    expect(list.stdout).not.toMatch(/CSV-1/)
    expect(JSON.parse(portal(['token', 'list', '--inventory', '--json']).stdout).map((t: { serial: string }) => t.serial)).toEqual(['987654321', 'ZZ1000000002', 'ZZ8000000001', 'ZZ8000000002'])
    expect(portal(['token', 'counts']).stdout).toBe('STATE      HARDWARE  SOFTWARE\nactive     1         0\ninventory  4         0\n')
    expect(JSON.parse(portal(['token', 'counts', '--json']).stdout)).toEqual([
      { origin: 'HARDWARE', status: 'ACTIVE', count: 1 },
      { origin: 'HARDWARE', status: 'INVENTORY', count: 4 },
    ])
  }, 60_000)

  it('refuses bad command lines with one line and exit code 1', () => {
    const cases: [string[], string | RegExp][] = [
      [['token', 'import'], /^portal: name exactly one file; usage: portal token import/],
      [['token', 'import', path.join(dir, 'missing.csv')], `portal: cannot read ${path.join(dir, 'missing.csv')}: no such file`],
      [['token', 'import', fixture('rfc6030-figure7.pskcxml'), '--password-file', path.join(dir, 'nope')], `portal: cannot read the password file ${path.join(dir, 'nope')}`],
      [['token', 'import', fixture('rfc6030-figure7.pskcxml'), '--password', 'a', '--password-file', write('p2', 'b')], 'portal: give --password or --password-file, not both'],
      [['token', 'import', fixture('rfc6030-figure7.pskcxml'), '--colour'], /^portal: Unknown option '--colour'/],
      [['token', 'list'], /^portal: only the inventory can be listed here/],
      [['token', 'list', '--inventory', '--limit', '0'], 'portal: --limit must be a whole number from 1 to 10000'],
      [['token', 'frob'], /^portal: unknown token command "frob"/],
    ]
    for (const [args, message] of cases) {
      const result = portal(args)
      expect(result.code).toBe(1)
      expect(result.stdout).toBe('')
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
      expect(result.stderr).toMatch(typeof message === 'string' ? message : message)
    }
  }, 60_000)
})
