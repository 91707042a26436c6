import { parseCidr, parseIpAddress, rangeContains, type CidrRange } from '@/lib/exclusions/parse-address'
import { MAX_ALLOWED_ADDRESSES, MAX_ALLOWED_ADDRESSES_TEXT } from './limits'

// Where an API key may be used from: CIDR ranges (IPv4 and IPv6, a bare
// address being one host), parsed by the exclusion rules' parser so both
// read addresses the same way (an IPv4-mapped IPv6 address is IPv4). Pure.
//
// Stored as the canonical ranges joined by single spaces; the empty string
// means "from anywhere", which is what keys created before the allow-list
// existed keep.


export type ParsedAllowedAddresses = { ok: true; stored: string; ranges: string[] } | { ok: false; message: string }

/** What an administrator typed (commas, spaces or one per line), as the stored list; every problem named. */
export function parseAllowedAddresses(input: string): ParsedAllowedAddresses {
  if (input.length > MAX_ALLOWED_ADDRESSES_TEXT) return { ok: false, message: `At most ${MAX_ALLOWED_ADDRESSES_TEXT} characters; use fewer, wider ranges` }
  const entries = input.split(/[\s,]+/).filter(Boolean)
  if (entries.length > MAX_ALLOWED_ADDRESSES) return { ok: false, message: `At most ${MAX_ALLOWED_ADDRESSES} addresses or ranges; use wider ranges` }
  const ranges: string[] = []
  for (const entry of entries) {
    const parsed = parseCidr(entry)
    if (!parsed.ok) return { ok: false, message: parsed.message }
    if (!ranges.includes(parsed.canonical)) ranges.push(parsed.canonical)
  }
  return { ok: true, stored: ranges.join(' '), ranges }
}

/** The stored list as ranges, for display. */
export function allowedAddressList(stored: string): string[] {
  return stored.split(' ').filter(Boolean)
}

// Parsed lists by their stored text: every request of a gateway carries the
// same few lists, so each is parsed once. Bounded, in case of many clients.
const compiled = new Map<string, CidrRange[]>()
const MAX_COMPILED = 256

function rangesOf(stored: string): CidrRange[] {
  let ranges = compiled.get(stored)
  if (!ranges) {
    // Stored lists were checked on the way in; an entry that no longer parses matches nothing.
    ranges = allowedAddressList(stored).flatMap((entry) => {
      const parsed = parseCidr(entry)
      return parsed.ok ? [parsed.range] : []
    })
    if (compiled.size >= MAX_COMPILED) compiled.clear()
    compiled.set(stored, ranges)
  }
  return ranges
}

/**
 * May a key with this stored list be used from this address? An empty list
 * allows anywhere; otherwise an unknown or unparsable address is refused.
 */
export function isAddressAllowed(stored: string, address: string | null | undefined): boolean {
  if (!stored) return true
  const ip = address ? parseIpAddress(address) : null
  if (!ip) return false
  return rangesOf(stored).some((range) => rangeContains(range, ip))
}
