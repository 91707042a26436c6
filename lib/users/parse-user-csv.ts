import { CsvShapeError, readCsvRecords } from '@/lib/csv'
import { AppError } from '@/lib/errors'
import { ZUserInput } from './schemas'

/** The columns of a user import file; username and email are required, name and groups optional. */
export const USER_CSV_COLUMNS = ['username', 'email', 'name', 'groups'] as const
type Column = (typeof USER_CSV_COLUMNS)[number]

/** One valid row of a user import file, normalised as the database stores it. */
export type UserImportRow = {
  line: number
  username: string
  email: string
  /** null: the name is empty; undefined: the file has no name column (left as it is). */
  displayName: string | null | undefined
  /** undefined: the file has no groups column (left as they are). */
  groups: string[] | undefined
}

/** A row that is not imported: its line and why. `username` is the row's, normalised and clipped, when it has one. */
export type UserImportProblem = { line: number; username?: string; reason: string }

/** The file itself cannot be used (no header, unknown columns, an unclosed quote, not UTF-8, empty). */
export class UserImportFileError extends AppError {
  override name = 'UserImportFileError'
  constructor(message: string) {
    super('INVALID_INPUT', message)
  }
}

/** Groups inside the groups field are separated by "|" or ";" (neither may be part of a group name). */
export const GROUP_SEPARATOR = /[|;]/

/**
 * Reads a user import CSV (header required; UTF-8 with or without BOM; comma
 * or semicolon; quoted fields) and checks every row with the same rules as
 * `portal user add` (ZUserInput). A username or email twice in the file is
 * a problem on its later lines. Database conflicts are checked later
 * (checkUserImport), since this needs no database.
 */
export function parseUserCsv(text: string): { rows: UserImportRow[]; problems: UserImportProblem[]; columns: Column[] } {
  let header: string[] | undefined
  let records: { record: string[]; line: number }[]
  try {
    ;({ header, records } = readCsvRecords(text))
  } catch (error) {
    if (error instanceof CsvShapeError) throw fileError(error.message)
    throw error
  }
  if (!header) throw fileError('it is empty; the first line must be the header username,email,name,groups')
  const columns = readHeader(header)
  if (records.length === 0) throw fileError('it has a header but no rows')

  const rows: UserImportRow[] = []
  const problems: UserImportProblem[] = []
  const lineOfUsername = new Map<string, number>()
  const lineOfEmail = new Map<string, number>()
  for (const { record, line } of records) {
    if (record.length !== columns.length) {
      problems.push({ line, reason: `it has ${record.length} field(s); the header has ${columns.length}` })
      continue
    }
    const raw = Object.fromEntries(columns.map((c, i) => [c, record[i]!])) as Partial<Record<Column, string>>
    const groups = raw.groups === undefined ? undefined : raw.groups.split(GROUP_SEPARATOR).map((g) => g.trim()).filter(Boolean)
    const parsed = ZUserInput.safeParse({ username: raw.username, email: raw.email, displayName: raw.name, groups: groups ?? [] })
    const reasons: string[] = []
    if (!raw.username) reasons.push('the username is missing')
    if (!raw.email) reasons.push('the email is missing')
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0]
        if ((field === 'username' && !raw.username) || (field === 'email' && !raw.email)) continue
        const message = field === 'groups' && issue.path.length > 1 ? `group ${Number(issue.path[1]) + 1}: ${issue.message}` : issue.message
        if (!reasons.includes(message)) reasons.push(message)
      }
    }
    const username = parsed.success ? parsed.data.username : clip(raw.username)
    if (parsed.success) {
      const { email } = parsed.data
      const earlierUser = lineOfUsername.get(parsed.data.username)
      const earlierEmail = lineOfEmail.get(email)
      if (earlierUser !== undefined) reasons.push(`the username is also on line ${earlierUser}`)
      else lineOfUsername.set(parsed.data.username, line)
      if (earlierEmail !== undefined) reasons.push(`the email is also on line ${earlierEmail}`)
      else lineOfEmail.set(email, line)
    }
    if (reasons.length || !parsed.success) {
      problems.push({ line, ...(username ? { username } : {}), reason: reasons.join('; ') })
      continue
    }
    rows.push({
      line,
      username: parsed.data.username,
      email: parsed.data.email,
      displayName: raw.name === undefined ? undefined : (parsed.data.displayName ?? null),
      groups: groups === undefined ? undefined : [...new Set(parsed.data.groups)].sort(),
    })
  }
  return { rows, problems, columns }
}

function readHeader(names: string[]): Column[] {
  const columns = names.map((n) => n.toLowerCase().replace(/[\s_-]+/g, ''))
  const unknown = columns.filter((c) => !(USER_CSV_COLUMNS as readonly string[]).includes(c))
  if (unknown.length) {
    throw fileError(`the first line must be a header; unknown column(s) ${unknown.map((c) => `"${clip(c, 32)}"`).join(', ')}; the columns are ${USER_CSV_COLUMNS.join(', ')}`)
  }
  const twice = columns.find((c, i) => columns.indexOf(c) !== i)
  if (twice) throw fileError(`the column "${twice}" is in the header twice`)
  if (!columns.includes('username') || !columns.includes('email')) throw fileError('the header needs at least username and email')
  return columns as Column[]
}

/** A value from the file as a report may show it: bounded, no control characters. */
function clip(value: string | undefined, max = 64): string | undefined {
  if (!value) return undefined
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd')
  return clean.length > max ? `${clean.slice(0, max)}…` : clean
}

function fileError(detail: string): UserImportFileError {
  return new UserImportFileError(`The file is not a usable user CSV: ${detail}.`)
}
