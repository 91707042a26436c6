import { describe, expect, it } from 'vitest'
import { bytesToBase32 } from '@/lib/otp'
import { parseSeedCsv } from './parse-seed-csv'
import { readSeedFile } from './read-seed-file'
import { SeedFileError } from './seed-file-error'

const SEED = Buffer.from('12345678901234567890')
const HEX = SEED.toString('hex')
const B32 = bytesToBase32(SEED) // GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ

function malformed(text: string): string {
  try {
    parseSeedCsv({ text })
  } catch (error) {
    if (error instanceof SeedFileError && error.reason === 'MALFORMED') return error.message
    throw error
  }
  throw new Error('expected MALFORMED')
}

describe('seed CSV', () => {
  it('reads hex and base32 secrets, TOTP and HOTP, with defaults for what is left out', () => {
    const hex = parseSeedCsv({ text: `serial,secret_hex,type,digits,period,counter,algorithm\nHW-1,${HEX},TOTP,6,60,,\nHW-2,${HEX.toUpperCase()},hotp,8,,42,SHA256\n` })
    expect(hex.problems).toEqual([])
    expect(hex.seeds.map((s) => [s.serial, s.type, s.digits, s.period, s.counter, s.algorithm, s.where])).toEqual([
      ['HW-1', 'TOTP', 6, 60, 0, 'SHA1', 'line 2'],
      ['HW-2', 'HOTP', 8, 30, 42, 'SHA256', 'line 3'],
    ])
    expect(hex.seeds.every((s) => s.secret.equals(SEED))).toBe(true)
    // Lower case, spaces and padding are how base32 seeds are often printed.
    const b32 = parseSeedCsv({ text: `serial,type,secret_base32\nHW-3,TOTP,${B32}\nHW-4,TOTP,${B32.toLowerCase().replace(/(.{4})/g, '$1 ')}==\n` })
    expect(b32.problems).toEqual([])
    expect(b32.seeds.map((s) => [s.serial, s.digits, s.period, s.secret.equals(SEED)])).toEqual([['HW-3', 6, 30, true], ['HW-4', 6, 30, true]])
  })

  it('UTF-8 BOM, semicolons, quoted fields, CRLF and blank lines', () => {
    const text = `\uFEFFSerial;Secret_Hex;Type\r\n"HW;1";"${HEX}";TOTP\r\n\r\n"HW ""2"""; ${HEX} ;HOTP\r\n`
    const { seeds, problems } = parseSeedCsv({ text })
    expect(seeds.map((s) => [s.serial, s.type, s.where])).toEqual([['HW;1', 'TOTP', 'line 2']])
    // The quote inside the serial is kept, and refused by the serial rule (printable ASCII without spaces).
    expect(problems).toEqual([{ where: 'line 4', serial: 'HW "2"', reason: 'its serial has spaces or characters other than printable ASCII' }])
  })

  it('reports every bad row with its line number and every reason, a serial twice in the file included', () => {
    const text = [
      'serial,secret_hex,type,digits,period,counter',
      `A1,${HEX},TOTP,6,30,`,
      `A1,${HEX},TOTP,6,30,`,
      'A2,xyz,TOTP,6,30,',
      `A3,${HEX.slice(0, -1)},TOTP,6,30,`,
      `A4,${HEX.slice(0, 20)},TOTP,6,30,`,
      `A5,${HEX},SMS,7,30,`,
      `A6,${HEX},HOTP,6,30,5`,
      `A7,${HEX},TOTP,6,0,`,
      `A8,${HEX},TOTP`,
      `,${HEX},TOTP,6,30,`,
      `A9,${HEX},HOTP,6,,-1`,
    ].join('\n')
    const { seeds, problems } = parseSeedCsv({ text })
    expect(seeds.map((s) => s.serial)).toEqual(['A1'])
    expect(problems).toEqual([
      { where: 'line 3', serial: 'A1', reason: 'serial A1 is also on line 2' },
      { where: 'line 4', serial: 'A2', reason: 'secret_hex is not hexadecimal (pairs of 0-9, a-f)' },
      { where: 'line 5', serial: 'A3', reason: 'secret_hex is not hexadecimal (pairs of 0-9, a-f)' },
      { where: 'line 6', serial: 'A4', reason: 'its secret is 10 bytes; at least 16 (128 bits, RFC 4226) are needed' },
      { where: 'line 7', serial: 'A5', reason: 'the type "SMS" is not TOTP or HOTP; digits is 7; 6 or 8 are supported' },
      { where: 'line 8', serial: 'A6', reason: 'a period is for TOTP tokens; leave it empty for HOTP' },
      { where: 'line 9', serial: 'A7', reason: 'the period of 0 s is not from 1 to 3600' },
      { where: 'line 10', reason: 'it has 3 fields; the header has 6' },
      { where: 'line 11', reason: 'the serial is empty' },
      { where: 'line 12', serial: 'A9', reason: 'counter "-1" is not a whole number' },
    ])
  })

  it('bad base32: letters outside the alphabet, or a length no whole bytes give', () => {
    const { problems } = parseSeedCsv({ text: `serial,secret_base32,type\nB1,${B32.slice(0, -1)}1,TOTP\nB2,${B32}A,TOTP\n` })
    expect(problems.map((p) => [p.where, p.reason])).toEqual([
      ['line 2', 'secret_base32 is not base32 (A-Z and 2-7)'],
      ['line 3', 'secret_base32 is not base32 (A-Z and 2-7)'],
    ])
  })

  it('a wrong header or an unclosed quote makes the whole file unusable, and the message never quotes a field', () => {
    expect(malformed('')).toMatch(/it is empty; the first line must be a header/)
    expect(malformed(`serial,secret,type\nX,${HEX},TOTP`)).toMatch(/name the secret column secret_hex or secret_base32/)
    expect(malformed(`serial,secret_hex,type,perod\nX,${HEX},TOTP,30`)).toMatch(/unknown column\(s\) "perod"/)
    expect(malformed(`serial,secret_hex,secret_base32,type\nX,${HEX},${B32},TOTP`)).toMatch(/needs serial, type and one of secret_hex or secret_base32/)
    expect(malformed(`serial,type,serial,secret_hex\n`)).toMatch(/the column "serial" is in the header twice/)
    const unclosed = malformed(`serial,secret_hex,type\nW,${HEX},TOTP\nX,"${HEX},TOTP\nY,${HEX},TOTP\n`)
    expect(unclosed).toBe('The file is not a usable seed CSV: a quote opened after line 2 is never closed.')
    const stray = malformed(`serial,secret_hex,type\nX,ab"${HEX}",TOTP\n`)
    expect(stray).toMatch(/line 2 has a quote inside an unquoted field/)
    expect(stray).not.toContain(HEX)
    expect(malformed(`serial,secret_hex,type\nX,"${HEX}"zz,TOTP\n`)).toMatch(/line 2 has text right after a closing quote/)
  })

  it('readSeedFile refuses a CSV with any bad row (BAD_ROWS with the report), and one with no rows', () => {
    const content = Buffer.from(`serial,secret_hex,type\nC1,${HEX},TOTP\nC2,zz,TOTP\n`)
    let error: unknown
    try {
      readSeedFile({ content })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(SeedFileError)
    expect(error).toMatchObject({ reason: 'BAD_ROWS', message: '1 row(s) of the file are bad; nothing was imported. Fix them and import the file again.' })
    expect((error as SeedFileError).problems).toEqual([{ where: 'line 3', serial: 'C2', reason: 'secret_hex is not hexadecimal (pairs of 0-9, a-f)' }])
    expect(() => readSeedFile({ content: Buffer.from('serial,secret_hex,type\n') })).toThrow('The file has a header but no rows.')
    expect(() => readSeedFile({ content: Buffer.from([0x73, 0xff, 0xfe, 0x0a]) })).toThrow('The file is not UTF-8 text')
    expect(readSeedFile({ content: Buffer.from(`serial,secret_hex,type\nC1,${HEX},TOTP\n`) }).format).toBe('csv')
  })

  it('a 10 MB file parses, every row checked', () => {
    const rows = ['serial,secret_hex,type,digits,period']
    let size = rows[0]!.length
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const row = `HW${String(i).padStart(8, '0')},${HEX}${i.toString(16).padStart(8, '0')},TOTP,6,30`
      rows.push(row)
      size += row.length + 1
    }
    const { seeds, problems } = parseSeedCsv({ text: rows.join('\n') })
    expect(problems).toEqual([])
    expect(seeds).toHaveLength(rows.length - 1)
    expect(seeds.at(-1)).toMatchObject({ serial: `HW${String(rows.length - 2).padStart(8, '0')}`, where: `line ${rows.length}` })
  }, 60_000)
})
