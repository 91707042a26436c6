import 'server-only'
import { CsvShapeError, readCsvRecords, type CsvRecord } from '@/lib/csv'
import { base32ToBytes, type OtpAlgorithm, type OtpType, OTP_DIGITS } from '@/lib/otp'
import { checkSeedSecret, checkSerial } from './check-seed'
import { SeedFileError } from './seed-file-error'
import type { HardwareSeed, SeedProblem } from './types'

/** The columns a seed CSV may have; the secret's column name says its encoding, so "ABCD2345" is never guessed. */
export const SEED_CSV_COLUMNS = ['serial', 'secret_hex', 'secret_base32', 'type', 'digits', 'period', 'counter', 'algorithm'] as const
type Column = (typeof SEED_CSV_COLUMNS)[number]
const MAX_COUNTER = 2 ** 31 - 1

/**
 * Reads a seed CSV (header required; comma or semicolon; quotes; UTF-8 with
 * or without BOM) and checks every row before anything is used. Returns the
 * seeds and a line-numbered problem for every bad row (a serial twice in the
 * file included). Throws SeedFileError MALFORMED when the file's shape is
 * wrong: no header, unknown or missing columns, an unclosed quote.
 */
export function parseSeedCsv({ text }: { text: string }): { seeds: HardwareSeed[]; problems: SeedProblem[] } {
  let header: string[] | undefined
  let records: CsvRecord[]
  try {
    ;({ header, records } = readCsvRecords(text))
  } catch (error) {
    if (error instanceof CsvShapeError) throw malformedCsv(error.message)
    throw error
  }
  if (!header) throw malformedCsv('it is empty; the first line must be a header such as serial,secret_base32,type,digits,period')
  const columns = readHeader(header)

  const seeds: HardwareSeed[] = []
  const problems: SeedProblem[] = []
  const firstLineOf = new Map<string, number>()
  for (const { record, line } of records) {
    const where = `line ${line}`
    if (record.length !== columns.length) {
      problems.push({ where, reason: `it has ${record.length} fields; the header has ${columns.length}` })
      continue
    }
    const row = Object.fromEntries(columns.map((c, i) => [c, record[i]!])) as Partial<Record<Column, string>>
    const serial = row.serial || undefined
    const earlier = serial === undefined ? undefined : firstLineOf.get(serial)
    if (serial !== undefined && earlier === undefined) firstLineOf.set(serial, line)
    const reasons = earlier !== undefined ? [`serial ${serial} is also on line ${earlier}`] : []
    const seed = readRow(row, reasons, where)
    if (seed && reasons.length === 0) seeds.push(seed)
    else problems.push({ where, serial, reason: reasons.join('; ') })
  }
  return { seeds, problems }
}

function readHeader(names: string[]): Column[] {
  const columns = names.map((n) => n.toLowerCase().replace(/[\s-]+/g, '_'))
  const unknown = columns.filter((c) => !(SEED_CSV_COLUMNS as readonly string[]).includes(c))
  if (unknown.includes('secret')) throw malformedCsv('name the secret column secret_hex or secret_base32, so its encoding is never guessed')
  if (unknown.length) throw malformedCsv(`unknown column(s) ${unknown.map((c) => `"${c}"`).join(', ')}; the columns are ${SEED_CSV_COLUMNS.join(', ')}`)
  const twice = columns.find((c, i) => columns.indexOf(c) !== i)
  if (twice) throw malformedCsv(`the column "${twice}" is in the header twice`)
  const secrets = columns.filter((c) => c.startsWith('secret_'))
  if (!columns.includes('serial') || !columns.includes('type') || secrets.length !== 1) {
    throw malformedCsv('the header needs serial, type and one of secret_hex or secret_base32')
  }
  return columns as Column[]
}

function readRow(row: Partial<Record<Column, string>>, reasons: string[], where: string): HardwareSeed | null {
  const serial = row.serial ?? ''
  if (!serial) reasons.push('the serial is empty')
  else {
    const problem = checkSerial(serial)
    if (problem) reasons.push(problem)
  }
  const type = (row.type ?? '').toUpperCase()
  if (type !== 'TOTP' && type !== 'HOTP') reasons.push(`the type "${row.type ?? ''}" is not TOTP or HOTP`)
  const secret = row.secret_hex !== undefined ? fromHex(row.secret_hex, reasons) : fromBase32(row.secret_base32 ?? '', reasons)
  if (secret) {
    const problem = checkSeedSecret(secret)
    if (problem) reasons.push(problem)
  }
  const digits = wholeNumber(row.digits, 6, 'digits', reasons)
  if (digits !== null && !(OTP_DIGITS as readonly number[]).includes(digits)) reasons.push(`digits is ${digits}; ${OTP_DIGITS.join(' or ')} are supported`)
  if (type === 'HOTP' && row.period) reasons.push('a period is for TOTP tokens; leave it empty for HOTP')
  if (type === 'TOTP' && row.counter) reasons.push('a counter is for HOTP tokens; leave it empty for TOTP')
  const period = wholeNumber(type === 'TOTP' ? row.period : undefined, 30, 'period', reasons)
  if (period !== null && (period < 1 || period > 3600)) reasons.push(`the period of ${period} s is not from 1 to 3600`)
  const counter = wholeNumber(type === 'HOTP' ? row.counter : undefined, 0, 'counter', reasons)
  if (counter !== null && counter > MAX_COUNTER) reasons.push(`the counter is larger than ${MAX_COUNTER}`)
  const algorithm = hashOf(row.algorithm, reasons)
  if (reasons.length || !secret || digits === null || period === null || counter === null || !algorithm) return null
  return { serial, type: type as OtpType, secret, algorithm, digits, period, counter, where }
}

function fromHex(value: string, reasons: string[]): Buffer | null {
  const compact = value.replace(/\s+/g, '').replace(/^0x/i, '')
  if (!compact || !/^(?:[0-9a-fA-F]{2})+$/.test(compact)) {
    reasons.push('secret_hex is not hexadecimal (pairs of 0-9, a-f)')
    return null
  }
  return Buffer.from(compact, 'hex')
}

function fromBase32(value: string, reasons: string[]): Buffer | null {
  const compact = value.replace(/\s+/g, '').toUpperCase().replace(/=+$/, '')
  // A length of 1, 3 or 6 mod 8 cannot come from whole bytes: a character was lost or added.
  if (!compact || !/^[A-Z2-7]+$/.test(compact) || [1, 3, 6].includes(compact.length % 8)) {
    reasons.push('secret_base32 is not base32 (A-Z and 2-7)')
    return null
  }
  return Buffer.from(base32ToBytes(compact))
}

function wholeNumber(value: string | undefined, fallback: number, name: string, reasons: string[]): number | null {
  if (value === undefined || value === '') return fallback
  if (!/^[0-9]{1,10}$/.test(value)) {
    reasons.push(`${name} "${value.slice(0, 20)}" is not a whole number`)
    return null
  }
  return Number(value)
}

function hashOf(value: string | undefined, reasons: string[]): OtpAlgorithm | null {
  if (value === undefined || value === '') return 'SHA1'
  const match = /^(?:HMAC-)?SHA-?(1|256|512)$/i.exec(value)
  if (!match) {
    reasons.push(`the algorithm "${value.slice(0, 20)}" is not SHA1, SHA256 or SHA512`)
    return null
  }
  return `SHA${match[1]}` as OtpAlgorithm
}

function malformedCsv(detail: string): SeedFileError {
  return new SeedFileError('MALFORMED', `The file is not a usable seed CSV: ${detail}.`, { detail })
}
