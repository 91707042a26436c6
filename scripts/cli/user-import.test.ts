import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { cliHarness } from './cli-harness'

// `portal user import …` in a child process, as an administrator runs it, on its own database.
const { dir, portal, sql, write } = cliHarness('user-import')
const query = (statement: string) => sql(statement)
const users = () => query('SELECT username, email, displayName, status FROM User ORDER BY username')

describe('portal user import', () => {
  beforeAll(() => {
    expect(portal(['db', 'migrate']).code).toBe(0)
  }, 60_000)

  it('refuses a file with a bad row: the report on stdout, exit 1, nothing written; --json says the same', () => {
    const file = write('bad.csv', '\uFEFFusername;email;name;groups\njdoe;jdoe@example.com;"Doe; Jane";staff|vpn\nbad;not-an-email;;\n')
    const human = portal(['user', 'import', file])
    expect(human).toEqual({
      code: 1,
      stdout: ['bad.csv: 1 of 2 row(s) are bad; nothing was imported. Fix them and import again, or import the valid rows with --apply-valid.', 'Bad rows:', '  line 3 (bad): Email must be a valid address', ''].join('\n'),
      stderr: 'portal: 1 bad row(s) in bad.csv; nothing was imported.\n',
    })
    const json = portal(['user', 'import', file, '--json'])
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout)).toEqual({
      file,
      imported: false,
      dryRun: false,
      rows: 2,
      added: 0,
      updated: 0,
      unchanged: 0,
      disabled: 0,
      refused: 1,
      problems: [{ line: 3, username: 'bad', reason: 'Email must be a valid address' }],
    })
    expect(users()).toEqual([])
    expect(query("SELECT id FROM AuditEvent WHERE action = 'user.imported'")).toEqual([])
  }, 60_000)

  it('imports, re-imports as unchanged, dry-runs and disables the missing, exit 0', () => {
    const file = write('people.csv', 'username,email,name,groups\njdoe,jdoe@example.com,Jane Doe,staff|vpn\nann,ann@example.com,,\n')
    const first = portal(['user', 'import', file])
    expect(first).toEqual({ code: 0, stdout: 'Imported people.csv: 2 added, 0 updated, 0 unchanged, 0 disabled, 0 refused.\n', stderr: '' })
    expect(users()).toEqual([
      { username: 'ann', email: 'ann@example.com', displayName: null, status: 'ACTIVE' },
      { username: 'jdoe', email: 'jdoe@example.com', displayName: 'Jane Doe', status: 'ACTIVE' },
    ])
    expect(portal(['user', 'import', file]).stdout).toBe('Imported people.csv: 0 added, 0 updated, 2 unchanged, 0 disabled, 0 refused.\n')

    const fewer = write('fewer.csv', 'username,email\njdoe,jane@example.com\n')
    const dry = portal(['user', 'import', fewer, '--disable-missing', '--dry-run'])
    expect(dry).toEqual({ code: 0, stdout: 'Dry run of fewer.csv (nothing written): 1 row(s); all valid. Would add 0, update 1, leave 0 unchanged, disable 1.\n', stderr: '' })
    expect(users().map((u) => (u as { status: string }).status)).toEqual(['ACTIVE', 'ACTIVE'])
    const applied = portal(['user', 'import', fewer, '--disable-missing', '--json'])
    expect(applied.code).toBe(0)
    expect(JSON.parse(applied.stdout)).toMatchObject({ imported: true, updated: 1, disabled: 1 })
    expect(users()).toEqual([
      { username: 'ann', email: 'ann@example.com', displayName: null, status: 'DISABLED' },
      { username: 'jdoe', email: 'jane@example.com', displayName: 'Jane Doe', status: 'ACTIVE' },
    ])
    expect(query("SELECT details FROM AuditEvent WHERE action = 'user.imported' ORDER BY at, id").map((e) => JSON.parse((e as { details: string }).details))).toEqual([
      { source: 'people.csv', added: 2, updated: 0, unchanged: 0, disabled: 0, refused: 0, disableMissing: false },
      { source: 'people.csv', added: 0, updated: 0, unchanged: 2, disabled: 0, refused: 0, disableMissing: false },
      { source: 'fewer.csv', added: 0, updated: 1, unchanged: 0, disabled: 1, refused: 0, disableMissing: true },
    ])
  }, 60_000)

  it('--apply-valid imports the good rows and still exits 1 with the report', () => {
    const file = write('mixed.csv', 'username,email\nnew1,new1@example.com\nthief,jane@example.com\n')
    const result = portal(['user', 'import', file, '--apply-valid'])
    expect(result).toEqual({
      code: 1,
      stdout: ['Imported mixed.csv: 1 added, 0 updated, 0 unchanged, 0 disabled, 1 refused.', 'Bad rows:', '  line 3 (thief): the email belongs to another user (jdoe) in the portal', ''].join('\n'),
      stderr: 'portal: 1 bad row(s) in mixed.csv; the valid rows were imported.\n',
    })
    expect(users().map((u) => (u as { username: string }).username)).toEqual(['ann', 'jdoe', 'new1'])
  }, 60_000)

  it('says what is wrong with the file or the command line', () => {
    expect(portal(['user', 'import', write('empty.csv', '')])).toMatchObject({ code: 1, stdout: '', stderr: 'portal: The file is not a usable user CSV: it is empty; the first line must be the header username,email,name,groups.\n' })
    expect(portal(['user', 'import', path.join(dir, 'nope.csv')])).toMatchObject({ code: 1, stderr: `portal: cannot read ${path.join(dir, 'nope.csv')}: no such file\n` })
    expect(portal(['user', 'import'])).toMatchObject({ code: 1, stderr: expect.stringContaining('name exactly one file') })
    expect(portal(['user', 'import', 'a.csv', '--force'])).toMatchObject({ code: 1, stderr: expect.stringContaining("Unknown option '--force'") })
  }, 60_000)
})
