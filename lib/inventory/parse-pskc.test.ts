import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { bytesToBase32, generateOtp } from '@/lib/otp'
import { parsePskc } from './parse-pskc'
import { SeedFileError } from './seed-file-error'

// RFC 6030's own example files (figures 2–7) and multiOTP's TOTP samples,
// as python-pskc carries them; see fixtures/README.md for sources and keys.
const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8')
const RFC_PSK = Buffer.from('12345678901234567890123456789012', 'hex')
const RFC_SECRET = '12345678901234567890' // RFC 4226's test seed, in figures 3, 5, 6 and 7

function failure(run: () => unknown): SeedFileError {
  try {
    run()
  } catch (error) {
    if (error instanceof SeedFileError) return error
    throw error
  }
  throw new Error('expected a SeedFileError')
}

describe('PSKC parser (RFC 6030)', () => {
  it('figure 2: reads the plain secret, and skips the key package because it has no serial and a 4-byte seed', () => {
    expect(parsePskc({ xml: fixture('rfc6030-figure2.pskcxml') })).toEqual({
      format: 'pskc',
      seeds: [],
      skipped: [{ where: 'key package 1', reason: 'it has no serial number (DeviceInfo/SerialNo)' }],
    })
    // With a serial, the 4-byte secret "1234" (MTIzNA==) is what stops it.
    const withSerial = fixture('rfc6030-figure2.pskcxml').replace('<Key Id', '<DeviceInfo><SerialNo>F2</SerialNo></DeviceInfo><Key Id')
    expect(parsePskc({ xml: withSerial }).skipped).toEqual([
      { where: 'key package 1', serial: 'F2', reason: 'its secret is 4 bytes; at least 16 (128 bits, RFC 4226) are needed' },
    ])
  })

  it('figure 3: a plain HOTP key with serial, 8 digits and counter, giving RFC 4226 codes', async () => {
    const { seeds, skipped } = parsePskc({ xml: fixture('rfc6030-figure3.pskcxml') })
    expect(skipped).toEqual([])
    expect(seeds).toHaveLength(1)
    const [seed] = seeds
    expect(seed).toMatchObject({ serial: '987654321', type: 'HOTP', algorithm: 'SHA1', digits: 8, counter: 0, where: 'key package 1' })
    expect(seed!.secret.toString('utf8')).toBe(RFC_SECRET)
    // RFC 4226 appendix D, count 0 (755224) truncated to 8 digits instead of 6.
    expect(generateOtp({ type: 'HOTP', secret: bytesToBase32(seed!.secret), digits: 8, counter: 0 })).toBe('84755224')
  })

  it('figure 4: a key derived elsewhere (no secret in the file) is skipped with the reason', () => {
    expect(parsePskc({ xml: fixture('rfc6030-figure4.pskcxml') }).skipped).toEqual([
      { where: 'key package 1', serial: '987654321', reason: 'it carries no secret (a key derived from a master key by reference is not supported)' },
    ])
  })

  it('figure 5: the HOTP key is read and the PIN key beside it is skipped', () => {
    const { seeds, skipped } = parsePskc({ xml: fixture('rfc6030-figure5.pskcxml') })
    expect(seeds.map((s) => [s.serial, s.type, s.digits, s.secret.toString()])).toEqual([['987654321', 'HOTP', 8, RFC_SECRET]])
    expect(skipped).toEqual([{ where: 'key package 2', serial: '987654321', reason: 'its algorithm "urn:ietf:params:xml:ns:keyprov:pskc:pin" is not HOTP or TOTP' }])
  })

  it('figure 6: pre-shared key, AES-128-CBC with HMAC-SHA1 MACs (section 6.1)', () => {
    const { seeds } = parsePskc({ xml: fixture('rfc6030-figure6.pskcxml'), psk: RFC_PSK })
    expect(seeds.map((s) => [s.serial, s.type, s.digits, s.counter, s.secret.toString()])).toEqual([['987654321', 'HOTP', 8, 0, RFC_SECRET]])
  })

  it('figure 7: PBKDF2 password-based encryption (section 6.2)', () => {
    const { seeds } = parsePskc({ xml: fixture('rfc6030-figure7.pskcxml'), password: 'qwerty' })
    expect(seeds.map((s) => [s.serial, s.type, s.digits, s.secret.toString()])).toEqual([['987654321', 'HOTP', 8, RFC_SECRET]])
  })

  it('TOTP keys: time interval, digits and the hash from Suite, also when Time and TimeInterval are encrypted', () => {
    const psk = parsePskc({ xml: fixture('multiotp-totp-psk.pskcxml'), psk: RFC_PSK }).seeds
    expect(psk.map((s) => [s.serial, s.type, s.algorithm, s.digits, s.period])).toEqual([
      ['ZZ8000000001', 'TOTP', 'SHA256', 8, 30],
      ['ZZ8000000002', 'TOTP', 'SHA512', 8, 30],
    ])
    expect(psk[0]!.secret.toString('hex')).toBe('38c2506a8e0708a5e929c2686b827e0ba7ae28c9de3c83e6d27308345981a3de')
    const pbkdf2 = parsePskc({ xml: fixture('multiotp-totp-pbkdf2.pskcxml'), password: 'qwerty' }).seeds
    expect(pbkdf2.map((s) => [s.serial, s.type, s.algorithm, s.digits, s.period, s.secret.toString('hex')])).toEqual([
      ['ZZ1000000002', 'TOTP', 'SHA1', 6, 30, '3031323334353637383930313233343536373839'],
    ])
  })

  it('a wrong password or pre-shared key says the file does not open, and gives no seed', () => {
    const password = failure(() => parsePskc({ xml: fixture('rfc6030-figure7.pskcxml'), password: 'qwertz' }))
    expect(password.reason).toBe('WRONG_KEY')
    expect(password.message).toMatch(/^The password does not open this file: its MAC check failed/)
    const psk = failure(() => parsePskc({ xml: fixture('rfc6030-figure6.pskcxml'), psk: Buffer.alloc(16, 7) }))
    expect(psk.reason).toBe('WRONG_KEY')
    expect(psk.message).toMatch(/^The pre-shared key does not open this file/)
    // The right key, but a MAC altered in the file: refused the same way.
    expect(failure(() => parsePskc({ xml: fixture('invalid-mac-value.pskcxml'), psk: RFC_PSK })).reason).toBe('WRONG_KEY')
  })

  it('an encrypted file without its key, or with the other kind of key, says what it needs', () => {
    const none = failure(() => parsePskc({ xml: fixture('rfc6030-figure7.pskcxml') }))
    expect(none).toMatchObject({ reason: 'KEY_REQUIRED', detail: 'password', message: 'This file is encrypted with a password (the file calls it "My Password 1"); none was given.' })
    const other = failure(() => parsePskc({ xml: fixture('rfc6030-figure6.pskcxml'), password: 'qwerty' }))
    expect(other).toMatchObject({ reason: 'KEY_REQUIRED', detail: 'pre-shared key', message: 'This file is encrypted with a pre-shared key (the file calls it "Pre-shared-key"), not a password; none was given.' })
    expect(failure(() => parsePskc({ xml: fixture('rfc6030-figure6.pskcxml'), psk: Buffer.alloc(32, 1) })).message).toBe('The key is 32 bytes but the file\'s aes128-cbc needs 16.')
  })

  it('a malformed file says what is wrong with it', () => {
    const cases: [string, RegExp][] = [
      ['<?xml version="1.0"?>\n<InValidXML>\n</InValidCloseTag>', /not well-formed XML: .*\(line 3, column \d+\)/],
      ['<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc"></KeyContainer>', /it holds no KeyPackage/],
      ['<Container xmlns="urn:ietf:params:xml:ns:keyprov:pskc"/>', /its root element is <Container>, not a PSKC <KeyContainer>/],
      ['<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc:1.0"><KeyPackage/></KeyContainer>', /does not use the RFC 6030 namespace/],
      ['<KeyContainer Version="2.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc"><KeyPackage/></KeyContainer>', /Version is "2.0", expected "1.0"/],
      [fixture('rfc6030-figure3.pskcxml').replace('MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=', 'not*base64'), /key package 1: the Secret's PlainValue is not base64/],
      [fixture('rfc6030-figure3.pskcxml').replace('<PlainValue>0</PlainValue>', '<PlainValue>zero</PlainValue>'), /key package 1: the Counter "zero" is not a whole number/],
      [fixture('rfc6030-figure3.pskcxml').replace('</Secret>', '</Secret><Secret><PlainValue>MTIzNA==</PlainValue></Secret>'), /<Secret> appears more than once/],
    ]
    for (const [xml, message] of cases) {
      const error = failure(() => parsePskc({ xml }))
      expect(error.reason).toBe('MALFORMED')
      expect(error.message).toMatch(/^The file is not a usable PSKC file: /)
      expect(error.message).toMatch(message)
    }
  })

  it('refuses any DOCTYPE or entity declaration outright, before parsing (no XXE, no entity expansion)', () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE KeyContainer [<!ENTITY serial SYSTEM "file:///etc/passwd">]>\n${fixture('rfc6030-figure3.pskcxml').replace(/^<\?xml[^>]*>/, '').replace('987654321', '&serial;')}`
    const laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><KeyContainer>&lol2;</KeyContainer>'
    const plainDoctype = `<!doctype KeyContainer>${fixture('rfc6030-figure3.pskcxml').replace(/^<\?xml[^>]*>/, '')}`
    for (const xml of [xxe, laughs, plainDoctype]) {
      const error = failure(() => parsePskc({ xml }))
      expect(error.reason).toBe('DOCTYPE')
      expect(error.message).toBe('The file declares a DOCTYPE or entities; PSKC files need neither, so it is refused unread.')
    }
  })

  it('reads XML\'s predefined entities in values, and skips unusable HOTP/TOTP parameters with reasons', () => {
    const base = fixture('rfc6030-figure3.pskcxml')
    expect(parsePskc({ xml: base.replace('987654321', 'A&amp;B-&#49;') }).seeds[0]!.serial).toBe('A&B-1')
    const cases: [string, string][] = [
      [base.replace('Length="8"', 'Length="7"'), 'its codes have 7 digits; 6 or 8 are supported'],
      [base.replace('Encoding="DECIMAL"', 'Encoding="HEXADECIMAL"'), 'its codes are HEXADECIMAL; only DECIMAL codes are supported'],
      [base.replace('<ResponseFormat', '<Suite>HMAC-MD5</Suite><ResponseFormat'), 'its hash "HMAC-MD5" is not SHA-1, SHA-256 or SHA-512'],
      [base.replace('987654321', 'has space'), 'its serial has spaces or characters other than printable ASCII'],
      [base.replace('<PlainValue>0</PlainValue>', '<PlainValue>4294967296</PlainValue>'), 'its counter 4294967296 is larger than 2147483647'],
    ]
    for (const [xml, reason] of cases) expect(parsePskc({ xml }).skipped.map((s) => s.reason)).toEqual([reason])
  })
})
