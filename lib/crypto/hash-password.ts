import 'server-only'
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

// scrypt: memory-hard, in Node's standard library (argon2 would need a native
// addon). Parameters are stored in each hash so they can be raised later.
const CURRENT = { logN: 15, r: 8, p: 1 }
const KEY_BYTES = 32

function derive(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** logN, r, p, maxmem: 2 ** logN * r * 256 }
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))),
  )
}

/** `scrypt$<logN>$<r>$<p>$<salt>$<hash>`, base64url fields. */
export async function hashPassword({ password }: { password: string }): Promise<string> {
  const salt = randomBytes(16)
  const { logN, r, p } = CURRENT
  const key = await derive(password, salt, logN, r, p)
  return ['scrypt', logN, r, p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

function parse(hash: string) {
  const [scheme, logN, r, p, salt, key] = hash.split('$')
  const nums = [logN, r, p].map(Number)
  if (scheme !== 'scrypt' || !salt || !key || nums.some((n) => !Number.isInteger(n) || n < 1)) return undefined
  const [n, rr, pp] = nums as [number, number, number]
  if (n > 20 || rr > 32 || pp > 16) return undefined // refuse parameters that would exhaust memory
  return { logN: n, r: rr, p: pp, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') }
}

/** False for a wrong password and for a malformed stored hash; never throws on input. */
export async function verifyPassword({ password, hash }: { password: string; hash: string }): Promise<boolean> {
  const parsed = parse(hash)
  if (!parsed || parsed.key.length !== KEY_BYTES) return false
  const key = await derive(password, parsed.salt, parsed.logN, parsed.r, parsed.p)
  return timingSafeEqual(key, parsed.key)
}

export function passwordNeedsRehash({ hash }: { hash: string }): boolean {
  const parsed = parse(hash)
  return !parsed || parsed.logN < CURRENT.logN || parsed.r < CURRENT.r || parsed.p < CURRENT.p
}
