import { parse } from 'csv-parse/sync'

/** One record of a CSV file with the line it ends on (1-based, the header being line 1). */
export type CsvRecord = { record: string[]; line: number }

/** The file cannot be read as CSV; `detail` says where and why in our words, never quoting a field. */
export class CsvShapeError extends Error {
  override name = 'CsvShapeError'
}

/**
 * Reads a CSV file as people save it from a spreadsheet: UTF-8 with or
 * without BOM, comma or semicolon (the header decides: a header with a
 * semicolon and no comma means semicolons), quoted fields, blank lines
 * skipped, fields trimmed. Returns the header and the records with their
 * line numbers; rows of the wrong length are the caller's to report.
 * Throws CsvShapeError with a message that never echoes a field's value
 * (csv-parse's own messages do, and a field may be a secret).
 */
export function readCsvRecords(text: string): { header: string[] | undefined; records: CsvRecord[]; delimiter: ',' | ';' } {
  const body = text.replace(/^\uFEFF/, '')
  const firstLine = body.slice(0, body.search(/\r?\n|$/))
  // The header decides: semicolon files (spreadsheets in many locales) have no comma in it.
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ','
  let parsed: { record: string[]; info: { lines: number } }[]
  let lastRecordLine = 0
  try {
    // With info: true each record comes as { record, info }; the typings do not follow that option.
    parsed = parse(body, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      on_record: (record, context) => ((lastRecordLine = context.lines), record),
    }) as unknown as typeof parsed
  } catch (error) {
    throw new CsvShapeError(describeCsvError(error as Error & { code?: string; lines?: number }, lastRecordLine))
  }
  const [header, ...rest] = parsed
  return { header: header?.record, records: rest.map(({ record, info }) => ({ record, line: info.lines })), delimiter }
}

// csv-parse's own messages quote the offending field: say it in our words.
function describeCsvError(error: Error & { code?: string; lines?: number }, lastRecordLine: number): string {
  const line = error.lines ?? '?'
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      // csv-parse counts to the end of the file here; the quote opened after the last whole row.
      return `a quote opened after line ${lastRecordLine} is never closed`
    case 'INVALID_OPENING_QUOTE': // sic: csv-parse 7 names this one without the CSV_ prefix
    case 'CSV_INVALID_OPENING_QUOTE':
      return `line ${line} has a quote inside an unquoted field (quote the whole field, doubling the quote)`
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return `line ${line} has text right after a closing quote`
    default:
      return `line ${line} cannot be read (${error.code ?? 'CSV error'})`
  }
}
