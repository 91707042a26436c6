import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { generateUrlToken } from './generate-url-token'
import { hashPassword, hashPasswordScryptForTests, passwordNeedsRehash, verifyPassword } from './hash-password'
import { keyedHash, verifyKeyedHash } from './keyed-hash'
import { parseKeyring, parsePepper } from './keyring'
import { openSecret, SecretOpenError, sealSecret } from './seal-secret'

const keyA = randomBytes(32).toString('base64')
const keyB = randomBytes(32).toString('base64')
const ringA = parseKeyring({ current: keyA })
const ringB = parseKeyring({ current: keyB })
const ringBwithA = parseKeyring({ current: keyB, previous: [keyA] })
const seed = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'

function flip(ciphertext: string, index: number): string {
  const bytes = Buffer.from(ciphertext, 'base64url')
  bytes[index] = (bytes[index] ?? 0) ^ 1
  return bytes.toString('base64url')
}

describe('sealSecret / openSecret', () => {
  const sealed = sealSecret({ plaintext: seed, context: 'TP1', keyring: ringA })

  it('round-trips, with the key id beside the ciphertext and no plaintext in it', () => {
    expect(sealed.keyId).toBe(ringA.current.id)
    expect(sealed.keyId).toMatch(/^[0-9a-f]{12}$/)
    expect(sealed.ciphertext).not.toContain(seed)
    expect(openSecret({ ...sealed, context: 'TP1', keyring: ringA }).toString()).toBe(seed)
  })

  it('uses a fresh IV: sealing twice gives different ciphertexts', () => {
    expect(sealSecret({ plaintext: seed, context: 'TP1', keyring: ringA }).ciphertext).not.toBe(sealed.ciphertext)
  })

  it.each([
    ['the version byte', 0],
    ['the IV', 5],
    ['the tag', 20],
    ['the body', 40],
  ])('fails when %s is tampered with', (_, index) => {
    expect(() => openSecret({ ...sealed, ciphertext: flip(sealed.ciphertext, index), context: 'TP1', keyring: ringA })).toThrow(
      SecretOpenError,
    )
  })

  it('fails when truncated, under the wrong key, an unknown key id, or another row’s context', () => {
    expect(() => openSecret({ ...sealed, ciphertext: sealed.ciphertext.slice(0, 20), context: 'TP1', keyring: ringA })).toThrow(SecretOpenError)
    expect(() => openSecret({ keyId: ringB.current.id, ciphertext: sealed.ciphertext, context: 'TP1', keyring: ringB })).toThrow(SecretOpenError)
    expect(() => openSecret({ ...sealed, context: 'TP1', keyring: ringB })).toThrow(SecretOpenError)
    expect(() => openSecret({ ...sealed, context: 'TP2', keyring: ringA })).toThrow(SecretOpenError)
  })

  it('rotates: old rows open with the previous key, new rows use the new one', () => {
    expect(openSecret({ ...sealed, context: 'TP1', keyring: ringBwithA }).toString()).toBe(seed)
    const fresh = sealSecret({ plaintext: seed, context: 'TP9', keyring: ringBwithA })
    expect(fresh.keyId).toBe(ringB.current.id)
    expect(openSecret({ ...fresh, context: 'TP9', keyring: ringB }).toString()).toBe(seed)
    // Once the old key is removed, old rows no longer open.
    expect(() => openSecret({ ...sealed, context: 'TP1', keyring: ringB })).toThrow(SecretOpenError)
  })
})

describe('parseKeyring / parsePepper', () => {
  it('accepts standard and URL-safe base64', () => {
    const key = randomBytes(32)
    expect(parseKeyring({ current: key.toString('base64url') }).current.key.equals(key)).toBe(true)
  })

  it.each([
    ['short', randomBytes(16).toString('base64')],
    ['long', randomBytes(48).toString('base64')],
    ['not base64', 'this is not a key at all!!!!!!!!!!!!!!!!!!!!'],
  ])('rejects a %s key without echoing it', (_, value) => {
    expect(() => parseKeyring({ current: value })).toThrow(/^SECRET_KEY is malformed/)
    try {
      parseKeyring({ current: value })
    } catch (error) {
      expect((error as Error).message).not.toContain(value)
    }
  })

  it('names a malformed previous key by position', () => {
    expect(() => parseKeyring({ current: keyA, previous: [keyB, 'bad'] })).toThrow(/SECRET_KEYS_PREVIOUS entry 2/)
  })

  it('requires a pepper of at least 32 bytes', () => {
    expect(() => parsePepper(randomBytes(16).toString('base64'))).toThrow(/HASH_PEPPER/)
    expect(parsePepper(randomBytes(64).toString('base64'))).toHaveLength(64)
  })
})

describe('keyedHash', () => {
  const pepper = randomBytes(32)
  const hash = keyedHash({ purpose: 'pin', value: '1234', salt: 'token-1', pepper })

  it('is deterministic and verifies in constant time', () => {
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(keyedHash({ purpose: 'pin', value: '1234', salt: 'token-1', pepper })).toBe(hash)
    expect(verifyKeyedHash({ purpose: 'pin', value: '1234', salt: 'token-1', pepper, hash })).toBe(true)
    expect(verifyKeyedHash({ purpose: 'pin', value: '1235', salt: 'token-1', pepper, hash })).toBe(false)
  })

  it('differs by purpose, salt and pepper, and length-prefixes its fields', () => {
    const others = [
      keyedHash({ purpose: 'link-token', value: '1234', salt: 'token-1', pepper }),
      keyedHash({ purpose: 'pin', value: '1234', salt: 'token-2', pepper }),
      keyedHash({ purpose: 'pin', value: '1234', salt: 'token-1', pepper: randomBytes(32) }),
      keyedHash({ purpose: 'pin', value: '41234', salt: 'token-', pepper }),
    ]
    for (const other of others) expect(other).not.toBe(hash)
  })

  it('returns false, without throwing, for a stored hash of another length', () => {
    expect(verifyKeyedHash({ purpose: 'pin', value: '1234', salt: 'token-1', pepper, hash: 'short' })).toBe(false)
    expect(verifyKeyedHash({ purpose: 'pin', value: '1234', salt: 'token-1', pepper, hash: '' })).toBe(false)
  })
})

describe('hashPassword', () => {
  it('hashes with argon2id at OWASP parameters, verifies the right password only, with a fresh salt each time', async () => {
    const hash = await hashPassword({ password: 'correct horse battery staple' })
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]{43}$/)
    expect(hash).not.toContain('correct horse')
    expect(await verifyPassword({ password: 'correct horse battery staple', hash })).toBe(true)
    expect(await verifyPassword({ password: 'Correct horse battery staple', hash })).toBe(false)
    expect(await hashPassword({ password: 'correct horse battery staple' })).not.toBe(hash)
    expect(passwordNeedsRehash({ hash })).toBe(false)
  })
  it('treats composed and decomposed Unicode as the same password (NFKC)', async () => {
    const hash = await hashPassword({ password: 'caf\u00e9 au lait, s\u2019il vous pla\u00eet' })
    expect(await verifyPassword({ password: 'cafe\u0301 au lait, s\u2019il vous pla\u00eet', hash })).toBe(true)
  })
  it('still verifies an older scrypt hash, and asks for it to be replaced', async () => {
    const hash = await hashPasswordScryptForTests({ password: 'correct horse battery staple', logN: 10 })
    expect(await verifyPassword({ password: 'correct horse battery staple', hash })).toBe(true)
    expect(await verifyPassword({ password: 'wrong horse battery staple', hash })).toBe(false)
    expect(passwordNeedsRehash({ hash })).toBe(true)
  })
  it.each(['', 'bcrypt$x', 'scrypt$15$8$1$$', 'scrypt$40$8$1$c2FsdA$a2V5', 'scrypt$a$b$c$d$e', '$argon2id$v=19$m=999999999,t=2,p=1$c2FsdHNhbHQ$a2V5', '$argon2id$v=19$m=19456,t=2,p=1$$'])(
    'returns false for the malformed stored hash %j',
    async (hash) => {
      expect(await verifyPassword({ password: 'x', hash })).toBe(false)
      expect(passwordNeedsRehash({ hash })).toBe(true)
    },
  )
  it('flags hashes made with weaker parameters or another variant for rehashing', () => {
    expect(passwordNeedsRehash({ hash: '$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5' })).toBe(true)
    expect(passwordNeedsRehash({ hash: '$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5' })).toBe(true)
  })
})

describe('generateUrlToken', () => {
  it('gives 256 URL-safe random bits by default and refuses fewer than 128', () => {
    const token = generateUrlToken()
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(generateUrlToken()).not.toBe(token)
    expect(generateUrlToken({ bytes: 16 })).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(() => generateUrlToken({ bytes: 15 })).toThrow(/128 bits/)
  })
})
