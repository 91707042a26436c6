import 'server-only'
import { OTP_DIGITS, type OtpAlgorithm, type OtpType } from '@/lib/otp'
import { preparePskcDecryption, type PskcCredentials, type PskcDecryption } from './pskc-decryption'
import { attr, child, children, decodeBase64, loadPskcContainer, malformed, text, type XmlNode } from './pskc-xml'
import { SeedFileError } from './seed-file-error'
import { checkSeedSecret, checkSerial } from './check-seed'
import type { HardwareSeed, SeedFile, SeedProblem } from './types'

const ALGORITHMS: Record<string, OtpType> = {
  'urn:ietf:params:xml:ns:keyprov:pskc:hotp': 'HOTP',
  'urn:ietf:params:xml:ns:keyprov:pskc:totp': 'TOTP',
}
// The 32-bit column (and HOTP practice) bounds counters.
const MAX_COUNTER = 2 ** 31 - 1

/** A value in a key package that makes this one token unusable (the rest of the file still imports). */
class Unusable extends Error {}

/**
 * Reads an RFC 6030 PSKC file: plain, pre-shared-key (6.1) or PBKDF2 (6.2)
 * encrypted. Returns the HOTP and TOTP seeds it carries and, for every other
 * key package (a PIN key, OCRA, a key derived elsewhere, …), why it is left
 * out. Throws SeedFileError when the file as a whole cannot be read: malformed,
 * a DOCTYPE, a missing or wrong password or key.
 */
export function parsePskc({ xml, ...credentials }: { xml: string } & PskcCredentials): SeedFile {
  const container = loadPskcContainer(xml)
  const decryption = preparePskcDecryption(container, credentials)
  const packages = children(container, 'KeyPackage')
  if (packages.length === 0) throw malformed('it holds no KeyPackage')

  const seeds: HardwareSeed[] = []
  const skipped: SeedProblem[] = []
  packages.forEach((keyPackage, index) => {
    const where = `key package ${index + 1}`
    const serial = text(child(keyPackage, 'DeviceInfo'), 'SerialNo')?.trim() || undefined
    try {
      seeds.push(readKeyPackage(keyPackage, decryption, where, serial))
    } catch (error) {
      if (error instanceof Unusable) skipped.push({ where, serial, reason: error.message })
      else if (error instanceof SeedFileError && error.reason === 'MALFORMED') throw malformed(`${where}: ${error.detail}`)
      else throw error
    }
  })
  return { format: 'pskc', seeds, skipped }
}

function readKeyPackage(keyPackage: XmlNode, decryption: PskcDecryption | null, where: string, serial: string | undefined): HardwareSeed {
  const key = child(keyPackage, 'Key')
  if (!key) throw new Unusable('it holds no Key')
  const algorithmUrn = attr(key, 'Algorithm') ?? ''
  const type = ALGORITHMS[algorithmUrn]
  if (!type) throw new Unusable(`its algorithm "${algorithmUrn}" is not HOTP or TOTP`)
  if (!serial) throw new Unusable('it has no serial number (DeviceInfo/SerialNo)')
  const serialProblem = checkSerial(serial)
  if (serialProblem) throw new Unusable(serialProblem)

  const parameters = child(key, 'AlgorithmParameters')
  const responseFormat = child(parameters, 'ResponseFormat')
  const encoding = attr(responseFormat, 'Encoding') ?? 'DECIMAL'
  if (encoding !== 'DECIMAL') throw new Unusable(`its codes are ${encoding}; only DECIMAL codes are supported`)
  const digits = Number(attr(responseFormat, 'Length') ?? '6')
  if (!(OTP_DIGITS as readonly number[]).includes(digits)) throw new Unusable(`its codes have ${attr(responseFormat, 'Length')} digits; ${OTP_DIGITS.join(' or ')} are supported`)
  const algorithm = hashOf(text(parameters, 'Suite'))

  const data = child(key, 'Data')
  const secretElement = child(data, 'Secret')
  // RFC 6030 figure 4: the seed is derived elsewhere from a master key (KeyReference); we need the seed itself.
  if (!secretElement) throw new Unusable('it carries no secret (a key derived from a master key by reference is not supported)')
  const secret = readBinary(secretElement, decryption, 'the Secret')
  const secretProblem = checkSeedSecret(secret)
  if (secretProblem) throw new Unusable(secretProblem)

  const counter = readInteger(child(data, 'Counter'), decryption, 'the Counter') ?? 0
  if (counter > MAX_COUNTER) throw new Unusable(`its counter ${counter} is larger than ${MAX_COUNTER}`)
  const period = readInteger(child(data, 'TimeInterval'), decryption, 'the TimeInterval') ?? 30
  if (type === 'TOTP' && (period < 1 || period > 3600)) throw new Unusable(`its time step of ${period} s is not from 1 to 3600`)
  // TOTP here counts from the Unix epoch (RFC 6238's default T0 = 0).
  const start = readInteger(child(data, 'Time'), decryption, 'the Time') ?? 0
  if (type === 'TOTP' && start !== 0) throw new Unusable(`its TOTP start time T0 is ${start}; only 0 (the Unix epoch) is supported`)

  return { serial, type, secret, algorithm, digits, period: type === 'TOTP' ? period : 30, counter: type === 'HOTP' ? counter : 0, where }
}

function hashOf(suite: string | undefined): OtpAlgorithm {
  if (suite === undefined || suite.trim() === '') return 'SHA1'
  const match = /^(?:HMAC-)?SHA-?(1|256|512)$/i.exec(suite.trim())
  if (!match) throw new Unusable(`its hash "${suite}" is not SHA-1, SHA-256 or SHA-512`)
  return `SHA${match[1]}` as OtpAlgorithm
}

function readBinary(element: XmlNode, decryption: PskcDecryption | null, what: string): Buffer {
  if (child(element, 'PlainValue')) return decodeBase64(text(element, 'PlainValue'), `${what}'s PlainValue`)
  if (!child(element, 'EncryptedValue')) throw malformed(`${what} has neither PlainValue nor EncryptedValue`)
  if (!decryption) throw malformed(`${what} is encrypted but the file has no EncryptionKey`)
  return decryption.open(element, what)
}

function readInteger(element: XmlNode | undefined, decryption: PskcDecryption | null, what: string): number | undefined {
  if (!element) return undefined
  if (child(element, 'PlainValue')) {
    const value = text(element, 'PlainValue')!.trim()
    if (!/^[0-9]{1,15}$/.test(value)) throw malformed(`${what} "${value.slice(0, 20)}" is not a whole number`)
    return Number(value)
  }
  const bytes = readBinary(element, decryption, what)
  // Encrypted integers are written as ASCII digits by some vendors, as big-endian bytes by the RFC.
  const ascii = bytes.toString('latin1')
  if (/^[0-9]{1,15}$/.test(ascii)) return Number(ascii)
  if (bytes.length > 6) throw malformed(`${what} is too large`)
  return bytes.reduce((n, byte) => n * 256 + byte, 0)
}
