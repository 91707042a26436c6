import 'server-only'
import { parsePskc } from './parse-pskc'
import type { PskcCredentials } from './pskc-decryption'
import { parseSeedCsv } from './parse-seed-csv'
import { SeedFileError } from './seed-file-error'
import type { SeedFile } from './types'

/**
 * Reads a hardware seed file, PSKC or CSV, told apart by content (XML starts
 * with "<"). A CSV with any bad row throws BAD_ROWS with every problem, so
 * nothing is imported from a file that is partly wrong.
 */
export function readSeedFile({ content, ...credentials }: { content: Buffer } & PskcCredentials): SeedFile {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content)
  } catch {
    throw new SeedFileError('MALFORMED', 'The file is not UTF-8 text: save it as UTF-8 (a PSKC file or a CSV).')
  }
  if (/^\uFEFF?\s*</.test(text)) return parsePskc({ xml: text, ...credentials })
  const { seeds, problems } = parseSeedCsv({ text })
  if (problems.length) {
    throw new SeedFileError('BAD_ROWS', `${problems.length} row(s) of the file are bad; nothing was imported. Fix them and import the file again.`, { problems })
  }
  if (seeds.length === 0) throw new SeedFileError('MALFORMED', 'The file has a header but no rows.')
  return { format: 'csv', seeds, skipped: [] }
}
