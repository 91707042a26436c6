import 'server-only'
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2'

// Staff passwords: argon2id with OWASP's first recommended set (Password
// Storage Cheat Sheet: m=19 MiB, t=2, p=1; about 30–130 ms on these
// machines), through @node-rs/argon2's prebuilt binary from the npm registry.
// The parameters travel in each PHC string, so they can be raised later and
// older hashes still verify. `algorithm: 2` is Algorithm.Argon2id (a const
// enum in the package's types, which isolated modules cannot import).
export const ARGON2_PARAMS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

// Hashes from before argon2: scrypt$<logN>$<r>$<p>$<salt>$<hash>. No
// release stored one (staff accounts could not be created before argon2),
// but a database seeded by hand may hold them: they keep verifying and
// `passwordNeedsRehash` says to replace them at the next sign-in.
const SCRYPT_KEY_BYTES = 32

/** An argon2id PHC string: `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`. */
export async function hashPassword({ password }: { password: string }): Promise<string> {
  return argon2Hash(password.normalize('NFKC'), ARGON2_PARAMS)
}

/** False for a wrong password and for a malformed stored hash; never throws on input. */
export async function verifyPassword({ password, hash }: { password: string; hash: string }): Promise<boolean> {
  const normalized = password.normalize('NFKC')
  if (hash.startsWith('$argon2')) {
    const params = parseArgon2(hash)
    if (!params) return false
    try {
      return await argon2Verify(hash, normalized)
    } catch {
      return false
    }
  }
  const parsed = parseScrypt(hash)
  if (!parsed || parsed.key.length !== SCRYPT_KEY_BYTES) return false
  const key = await deriveScrypt(normalized, parsed)
  return timingSafeEqual(key, parsed.key)
}

/** True for anything but an argon2id hash with at least the current parameters. */
export function passwordNeedsRehash({ hash }: { hash: string }): boolean {
  const params = parseArgon2(hash)
  return !params || params.variant !== 'argon2id' || params.m < ARGON2_PARAMS.memoryCost || params.t < ARGON2_PARAMS.timeCost || params.p < ARGON2_PARAMS.parallelism
}

function parseArgon2(hash: string): { variant: string; m: number; t: number; p: number } | undefined {
  const match = /^\$(argon2id|argon2i|argon2d)\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,2})\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(hash)
  if (!match) return undefined
  const [, variant, m, t, p] = match
  // Refuse parameters that would exhaust memory or time (a tampered row).
  if (Number(m) > 1_048_576 || Number(t) > 100) return undefined
  return { variant: variant!, m: Number(m), t: Number(t), p: Number(p) }
}

function parseScrypt(hash: string) {
  const [scheme, logN, r, p, salt, key] = hash.split('$')
  const nums = [logN, r, p].map(Number)
  if (scheme !== 'scrypt' || !salt || !key || nums.some((n) => !Number.isInteger(n) || n < 1)) return undefined
  const [n, rr, pp] = nums as [number, number, number]
  if (n > 20 || rr > 32 || pp > 16) return undefined // refuse parameters that would exhaust memory
  return { logN: n, r: rr, p: pp, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') }
}

function deriveScrypt(password: string, { salt, logN, r, p }: { salt: Buffer; logN: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** logN, r, p, maxmem: 2 ** logN * r * 256 }
  return new Promise((resolve, reject) => scrypt(password, salt, SCRYPT_KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))))
}

/** A legacy scrypt hash, for tests of the migration path only. */
export async function hashPasswordScryptForTests({ password, logN = 15 }: { password: string; logN?: number }): Promise<string> {
  const salt = randomBytes(16)
  const key = await deriveScrypt(password.normalize('NFKC'), { salt, logN, r: 8, p: 1 })
  return ['scrypt', logN, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$')
}
