import { isIPv4, isIPv6 } from 'node:net'

// Addresses and CIDR ranges as numbers, for matching in memory without
// parsing text per request. Pure: no I/O, no Next.
//
// IPv4-mapped IPv6 (::ffff:192.0.2.1, what a dual-stack socket reports for an
// IPv4 peer) is IPv4: as an address, and as a range of /96 or longer, so
// "::ffff:10.0.0.0/104" and "10.0.0.0/8" are the same rule. A wider IPv6
// range (::/0) matches IPv6 addresses only.

export type IpAddress = { family: 4; value: number } | { family: 6; value: bigint }
export type CidrRange = { family: 4; network: number; mask: number; bits: number } | { family: 6; network: bigint; mask: bigint; bits: number }

// The upper 96 bits of ::ffff:0:0/96.
const MAPPED_PREFIX = 0xffffn
const V6_ALL = (1n << 128n) - 1n

function ipv4ToNumber(text: string): number {
  return text.split('.').reduce((n, part) => n * 256 + Number(part), 0)
}

function ipv6ToBigInt(text: string): bigint {
  // An embedded IPv4 tail (::ffff:192.0.2.1) is the last two 16-bit groups.
  const lastColon = text.lastIndexOf(':')
  if (text.includes('.', lastColon)) {
    const v4 = ipv4ToNumber(text.slice(lastColon + 1))
    text = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`
  }
  const [left = '', right] = text.split('::')
  const groups = (s: string) => (s ? s.split(':').map((g) => parseInt(g, 16)) : [])
  const l = groups(left)
  const r = groups(right ?? '')
  const all = right === undefined ? l : [...l, ...new Array<number>(8 - l.length - r.length).fill(0), ...r]
  return all.reduce((n, g) => (n << 16n) | BigInt(g), 0n)
}

/** An IPv4 or IPv6 address (no zone, no brackets); mapped IPv4 becomes IPv4. Null for anything else. */
export function parseIpAddress(text: string): IpAddress | null {
  if (isIPv4(text)) return { family: 4, value: ipv4ToNumber(text) }
  if (!isIPv6(text) || text.includes('%')) return null
  const value = ipv6ToBigInt(text)
  return value >> 32n === MAPPED_PREFIX ? { family: 4, value: Number(value & 0xffffffffn) } : { family: 6, value }
}

const v4Mask = (bits: number) => (bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0)
const v6Mask = (bits: number) => (V6_ALL << BigInt(128 - bits)) & V6_ALL

export type ParsedCidr = { ok: true; range: CidrRange; canonical: string } | { ok: false; message: string }

/**
 * "10.0.0.0/8", "2001:db8::/32", a bare address (one host), or a mapped
 * range. Host bits must be zero: "10.1.2.3/8" is refused with the range it
 * probably meant, rather than silently widened.
 */
export function parseCidr(input: string): ParsedCidr {
  const text = input.trim()
  const [addressText = '', bitsText, ...rest] = text.split('/')
  const address = rest.length ? null : parseIpAddress(addressText)
  if (!address) return { ok: false, message: `"${text.slice(0, 64)}" is not an IPv4 or IPv6 address or CIDR range such as 192.0.2.0/24 or 2001:db8::/32` }
  const mapped = address.family === 4 && isIPv6(addressText)
  const max = address.family === 4 && !mapped ? 32 : 128
  if (bitsText !== undefined && !(/^\d{1,3}$/.test(bitsText) && Number(bitsText) <= max)) return { ok: false, message: `The prefix length after "/" must be a number from 0 to ${max}` }
  let bits = bitsText === undefined ? max : Number(bitsText)
  if (mapped) {
    if (bits < 96) return parseWideMapped(addressText, bits)
    bits -= 96
  }
  const range: CidrRange =
    address.family === 4
      ? { family: 4, network: (address.value & v4Mask(bits)) >>> 0, mask: v4Mask(bits), bits }
      : { family: 6, network: address.value & v6Mask(bits), mask: v6Mask(bits), bits }
  if (range.network !== address.value) {
    const suggestion = `${formatAddress({ family: range.family, value: range.network } as IpAddress)}/${bits}`
    return { ok: false, message: `"${text.slice(0, 64)}" has bits set beyond its prefix: did you mean ${suggestion}?` }
  }
  return { ok: true, range, canonical: `${formatAddress(address)}/${bits}` }
}

/** A range under ::ffff:0:0/96 wider than the mapped block itself: plain IPv6. */
function parseWideMapped(addressText: string, bits: number): ParsedCidr {
  const value = ipv6ToBigInt(addressText)
  const range: CidrRange = { family: 6, network: value, mask: v6Mask(bits), bits }
  if ((value & range.mask) !== value) return { ok: false, message: `"${addressText}/${bits}" has bits set beyond its prefix` }
  return { ok: true, range, canonical: `${formatAddress({ family: 6, value })}/${bits}` }
}

/** True when the address is in the range (an IPv4 address is never in an IPv6 range, nor the reverse). */
export function rangeContains(range: CidrRange, address: IpAddress): boolean {
  if (range.family === 4) return address.family === 4 && (address.value & range.mask) >>> 0 === range.network
  return address.family === 6 && (address.value & range.mask) === range.network
}

/** Dotted IPv4, or RFC 5952 IPv6 (lower case, longest run of zero groups as "::"). */
export function formatAddress(address: IpAddress): string {
  if (address.family === 4) return [24, 16, 8, 0].map((s) => (address.value >>> s) & 0xff).join('.')
  const groups = Array.from({ length: 8 }, (_, i) => Number((address.value >> BigInt(112 - 16 * i)) & 0xffffn))
  let best = { at: -1, length: 1 }
  for (let i = 0; i < 8; i++) {
    let j = i
    while (j < 8 && groups[j] === 0) j++
    if (j - i > best.length) best = { at: i, length: j - i }
  }
  const hex = groups.map((g) => g.toString(16))
  if (best.at < 0) return hex.join(':')
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.length).join(':')}`
}
