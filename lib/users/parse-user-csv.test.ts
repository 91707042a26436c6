import { describe, expect, it } from 'vitest'
import { parseUserCsv, UserImportFileError } from './parse-user-csv'

function fileError(text: string): string {
  try {
    parseUserCsv(text)
  } catch (error) {
    if (error instanceof UserImportFileError) return error.message
    throw error
  }
  throw new Error('expected UserImportFileError')
}

describe('user CSV', () => {
  it('reads the four columns, normalised as the portal stores them', () => {
    const { rows, problems } = parseUserCsv('username,email,name,groups\nJDoe,Jane.Doe@Example.com,Jane Doe,Staff|VPN\nbob,bob@example.com,,\n')
    expect(problems).toEqual([])
    expect(rows).toEqual([
      { line: 2, username: 'jdoe', email: 'jane.doe@example.com', displayName: 'Jane Doe', groups: ['staff', 'vpn'] },
      { line: 3, username: 'bob', email: 'bob@example.com', displayName: null, groups: [] },
    ])
  })

  it('UTF-8 BOM, semicolons, quoted fields, CRLF, blank lines, and groups split by | or ;', () => {
    const text = '\uFEFFUsername;E-mail;Name;Groups\r\n"ann";ann@example.com;"Doe; Ann ""AD""";"sales;emea"\r\n\r\nbea;bea@example.com;Béa;sales | apac\r\n'
    const { rows, problems } = parseUserCsv(text)
    expect(problems).toEqual([])
    expect(rows).toEqual([
      { line: 2, username: 'ann', email: 'ann@example.com', displayName: 'Doe; Ann "AD"', groups: ['emea', 'sales'] },
      { line: 4, username: 'bea', email: 'bea@example.com', displayName: 'Béa', groups: ['apac', 'sales'] },
    ])
  })

  it('columns in any order; without name or groups columns those stay undefined (left as they are)', () => {
    expect(parseUserCsv('email,username\na@example.com,a\n').rows).toEqual([{ line: 2, username: 'a', email: 'a@example.com', displayName: undefined, groups: undefined }])
  })

  it('reports every bad row with its line number and reasons, duplicates in the file included', () => {
    const text = [
      'username,email,name,groups',
      'ok,ok@example.com,OK,',
      'OK,other@example.com,,', // same username, other case
      'dup-mail,OK@example.com,,',
      ',missing@example.com,,',
      'nomail,,,',
      'bad mail,not-an-email,,',
      `${'x'.repeat(65)},long@example.com,${'n'.repeat(129)},`,
      'grp,grp@example.com,,good|bad/group',
      'short,short@example.com',
    ].join('\n')
    const { rows, problems } = parseUserCsv(text)
    expect(rows.map((r) => r.username)).toEqual(['ok'])
    expect(problems).toEqual([
      { line: 3, username: 'ok', reason: 'the username is also on line 2' },
      { line: 4, username: 'dup-mail', reason: 'the email is also on line 2' },
      { line: 5, reason: 'the username is missing' },
      { line: 6, username: 'nomail', reason: 'the email is missing' },
      {
        line: 7,
        username: 'bad mail',
        reason: 'Username may contain letters, digits, dots, hyphens, underscores and @, and must start with a letter or digit; Email must be a valid address',
      },
      { line: 8, username: `${'x'.repeat(64)}…`, reason: 'Username must be at most 64 characters; Name must be at most 128 characters' },
      { line: 9, username: 'grp', reason: 'group 2: Group name may contain letters, digits, spaces, dots, hyphens and underscores' },
      { line: 10, reason: 'it has 2 field(s); the header has 4' },
    ])
  })

  it('refuses a file without a usable header, an empty file, a header alone, and an unclosed quote, without echoing fields', () => {
    expect(fileError('')).toBe('The file is not a usable user CSV: it is empty; the first line must be the header username,email,name,groups.')
    expect(fileError('\uFEFF\n\n')).toMatch(/it is empty/)
    expect(fileError('jdoe,jdoe@example.com\n')).toBe(
      'The file is not a usable user CSV: the first line must be a header; unknown column(s) "jdoe", "jdoe@example.com"; the columns are username, email, name, groups.',
    )
    expect(fileError('username,name\n')).toMatch(/needs at least username and email/)
    expect(fileError('username,email,email\n')).toMatch(/"email" is in the header twice/)
    expect(fileError('username,email\n')).toMatch(/a header but no rows/)
    const unclosed = fileError('username,email\nok,ok@example.com\n"secret-value,x@example.com\n')
    expect(unclosed).toBe('The file is not a usable user CSV: a quote opened after line 2 is never closed.')
    expect(fileError('username,email\na"b,x@example.com\n')).not.toContain('a"b')
  })

  it('reads a 10 MB file', () => {
    const lines = ['username,email,name,groups']
    let size = 0
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const line = `user${i},user${i}@example.com,"User ${i}, Department ${i % 50}",staff|dept-${i % 50}`
      lines.push(line)
      size += line.length + 1
    }
    const { rows, problems } = parseUserCsv(lines.join('\n'))
    expect(problems).toEqual([])
    expect(rows).toHaveLength(lines.length - 1)
    expect(rows.at(-1)).toMatchObject({ line: lines.length, username: `user${lines.length - 2}` })
  }, 60_000)
})
