import 'server-only'
import { createDecipheriv, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto'
import { attr, child, decodeBase64, malformed, text, type XmlNode } from './pskc-xml'
import { SeedFileError } from './seed-file-error'

/** What the person importing gave to open an encrypted file. */
export type PskcCredentials = { password?: string; psk?: Buffer }

/** Opens the file's encrypted values (RFC 6030 section 6.1 and 6.2), each checked against its MAC first. */
export type PskcDecryption = { open(element: XmlNode, what: string): Buffer }

const XMLENC = 'http://www.w3.org/2001/04/xmlenc#'
const CIPHERS: Record<string, { name: string; keyBytes: number }> = {
  [`${XMLENC}aes128-cbc`]: { name: 'aes-128-cbc', keyBytes: 16 },
  [`${XMLENC}aes192-cbc`]: { name: 'aes-192-cbc', keyBytes: 24 },
  [`${XMLENC}aes256-cbc`]: { name: 'aes-256-cbc', keyBytes: 32 },
}
const HMACS: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#hmac-sha1': 'sha1',
  'http://www.w3.org/2001/04/xmldsig-more#hmac-sha224': 'sha224',
  'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#hmac-sha384': 'sha384',
  'http://www.w3.org/2001/04/xmldsig-more#hmac-sha512': 'sha512',
}
const PBKDF2 = 'http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2'
// A file cannot make us spin: RFC 6030's example uses 1,000; vendors use up to a few 100,000.
const MAX_PBKDF2_ITERATIONS = 10_000_000

/**
 * Reads the container's EncryptionKey and MACMethod. Returns null for a file
 * with no encryption. Throws KEY_REQUIRED when the file is encrypted and
 * nothing (or the wrong kind of thing) was given, WRONG_KEY when it does not open.
 */
export function preparePskcDecryption(container: XmlNode, credentials: PskcCredentials): PskcDecryption | null {
  const encryptionKey = child(container, 'EncryptionKey')
  if (!encryptionKey) return null
  const derived = child(encryptionKey, 'DerivedKey')
  const kind = derived ? 'password' : 'pre-shared key'
  const key = derived ? deriveKey(derived, credentials) : preSharedKey(encryptionKey, credentials)
  const wrongKey = () => new SeedFileError('WRONG_KEY', `The ${kind} does not open this file: its MAC check failed. Check the ${kind}; if it is right, the file was altered and the vendor should send it again.`)

  const macMethod = child(container, 'MACMethod')
  // RFC 6030 6.1.1: encrypted values carry a MAC; without one a wrong key
  // would give random seeds instead of an error, so such files are refused.
  if (!macMethod) throw new SeedFileError('UNSUPPORTED', 'The file is encrypted but has no MACMethod, so a wrong key could not be told from a right one; ask the vendor for a file with MACs (RFC 6030 section 6.1.1).')
  const macAlgorithm = attr(macMethod, 'Algorithm') ?? ''
  const macHash = HMACS[macAlgorithm]
  if (!macHash) throw new SeedFileError('UNSUPPORTED', `The file's MAC algorithm "${macAlgorithm}" is not supported (HMAC-SHA-1 or HMAC-SHA-2 are).`)
  const macKeyElement = child(macMethod, 'MACKey')
  // Without a MACKey, the encryption key is also the MAC key (as python-pskc and libpskc read it).
  const macKey = macKeyElement ? decrypt(macKeyElement, key, 'the MAC key', wrongKey) : key

  return {
    open(element, what) {
      const encrypted = child(element, 'EncryptedValue')
      if (!encrypted) throw malformed(`${what} has no EncryptedValue`)
      const cipherValue = decodeBase64(text(child(encrypted, 'CipherData'), 'CipherValue'), `${what}'s CipherValue`)
      const given = text(element, 'ValueMAC')
      if (given === undefined) throw malformed(`${what} is encrypted but has no ValueMAC`)
      // Encrypt-then-MAC: the MAC covers IV || ciphertext (RFC 6030 6.1.1), checked before decrypting.
      const expected = createHmac(macHash, macKey).update(cipherValue).digest()
      const actual = decodeBase64(given, `${what}'s ValueMAC`)
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw wrongKey()
      return decrypt(encrypted, key, what, wrongKey, cipherValue)
    },
  }
}

function deriveKey(derived: XmlNode, { password, psk }: PskcCredentials): Buffer {
  const name = text(derived, 'MasterKeyName')
  const named = name ? ` (the file calls it "${name}")` : ''
  if (password === undefined) {
    throw new SeedFileError('KEY_REQUIRED', `This file is encrypted with a password${named}${psk ? ', not a pre-shared key' : ''}; none was given.`, { detail: 'password' })
  }
  const method = child(derived, 'KeyDerivationMethod')
  if (attr(method, 'Algorithm') !== PBKDF2) throw new SeedFileError('UNSUPPORTED', `The file's key derivation "${attr(method, 'Algorithm') ?? ''}" is not supported (PBKDF2 is).`)
  const params = child(method, 'PBKDF2-params')
  if (!params) throw malformed('the PBKDF2 key derivation has no PBKDF2-params')
  const salt = decodeBase64(text(child(params, 'Salt'), 'Specified'), 'the PBKDF2 salt')
  const iterations = Number(text(params, 'IterationCount'))
  const keyLength = Number(text(params, 'KeyLength') ?? '16')
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) throw malformed('the PBKDF2 IterationCount is missing or out of range')
  if (![16, 24, 32].includes(keyLength)) throw malformed('the PBKDF2 KeyLength must be 16, 24 or 32')
  // An empty <PRF/> means PKCS #5's default, HMAC-SHA-1.
  const prfAlgorithm = attr(child(params, 'PRF'), 'Algorithm')
  const prf = prfAlgorithm ? HMACS[prfAlgorithm] : 'sha1'
  if (!prf) throw new SeedFileError('UNSUPPORTED', `The PBKDF2 PRF "${prfAlgorithm}" is not supported.`)
  return pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, keyLength, prf)
}

function preSharedKey(encryptionKey: XmlNode, { password, psk }: PskcCredentials): Buffer {
  if (child(encryptionKey, 'X509Data')) throw new SeedFileError('UNSUPPORTED', 'The file is encrypted to a certificate (asymmetric); only pre-shared keys and passwords (PBKDF2) are supported.')
  const name = text(encryptionKey, 'KeyName')
  const named = name ? ` (the file calls it "${name}")` : ''
  if (!psk) throw new SeedFileError('KEY_REQUIRED', `This file is encrypted with a pre-shared key${named}${password !== undefined ? ', not a password' : ''}; none was given.`, { detail: 'pre-shared key' })
  return psk
}

function decrypt(element: XmlNode, key: Buffer, what: string, wrongKey: () => SeedFileError, cipherValue?: Buffer): Buffer {
  const algorithm = attr(child(element, 'EncryptionMethod'), 'Algorithm') ?? ''
  const cipher = CIPHERS[algorithm]
  if (!cipher) throw new SeedFileError('UNSUPPORTED', `${capitalize(what)} uses the encryption "${algorithm}"; only AES-CBC (128, 192, 256) is supported.`)
  if (key.length !== cipher.keyBytes) throw new SeedFileError('WRONG_KEY', `The key is ${key.length} bytes but the file's ${algorithm.slice(XMLENC.length)} needs ${cipher.keyBytes}.`)
  const data = cipherValue ?? decodeBase64(text(child(element, 'CipherData'), 'CipherValue'), `${what}'s CipherValue`)
  // The IV is the first block (XML Encryption); then at least one block of ciphertext.
  if (data.length < 32 || data.length % 16 !== 0) throw malformed(`${what}'s CipherValue is not an IV followed by whole AES blocks`)
  try {
    const decipher = createDecipheriv(cipher.name, key, data.subarray(0, 16))
    return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()])
  } catch {
    // Bad padding: with a right key this cannot happen to a value whose MAC matched.
    throw wrongKey()
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
