// RFC 4648 base32, the encoding authenticator apps use for seeds.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

export function bytesToBase32(bytes: Uint8Array): string {
  let out = ''
  let buffer = 0
  let bits = 0
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31]
  return out
}

/**
 * Strict decoding: upper-case alphabet, optional trailing '=' padding, nothing
 * else. Callers that accept typed input normalise it first.
 */
export function base32ToBytes(text: string): Uint8Array {
  const body = text.replace(/=+$/, '')
  if (!/^[A-Z2-7]*$/.test(body)) throw new Error('Invalid base32: only A–Z and 2–7 are allowed')
  const out: number[] = []
  let buffer = 0
  let bits = 0
  for (const ch of body) {
    buffer = (buffer << 5) | ALPHABET.indexOf(ch)
    bits += 5
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 255)
      bits -= 8
    }
  }
  return Uint8Array.from(out)
}
