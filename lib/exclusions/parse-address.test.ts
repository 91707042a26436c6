import { describe, expect, it } from 'vitest'
import { formatAddress, parseCidr, parseIpAddress, rangeContains, type CidrRange } from './parse-address'

const range = (text: string): CidrRange => {
  const parsed = parseCidr(text)
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.range
}
const contains = (cidr: string, address: string) => rangeContains(range(cidr), parseIpAddress(address)!)

describe('CIDR ranges', () => {
  it('matches IPv4 ranges at their edges, /0 and /32 included', () => {
    expect(contains('10.0.0.0/8', '10.0.0.0')).toBe(true)
    expect(contains('10.0.0.0/8', '10.255.255.255')).toBe(true)
    expect(contains('10.0.0.0/8', '11.0.0.0')).toBe(false)
    expect(contains('10.0.0.0/8', '9.255.255.255')).toBe(false)
    expect(contains('192.0.2.128/25', '192.0.2.200')).toBe(true)
    expect(contains('192.0.2.128/25', '192.0.2.127')).toBe(false)
    expect(contains('0.0.0.0/0', '255.255.255.255')).toBe(true)
    expect(contains('198.51.100.7', '198.51.100.7')).toBe(true)
    expect(contains('198.51.100.7/32', '198.51.100.8')).toBe(false)
  })

  it('matches IPv6 ranges, compressed or not, in any case', () => {
    expect(contains('2001:db8::/32', '2001:db8:ffff::1')).toBe(true)
    expect(contains('2001:DB8::/32', '2001:0db8:0000:0000:0000:0000:0000:0001')).toBe(true)
    expect(contains('2001:db8::/32', '2001:db9::1')).toBe(false)
    expect(contains('2001:db8:0:1::/64', '2001:db8:0:1:ffff:ffff:ffff:ffff')).toBe(true)
    expect(contains('::1/128', '::1')).toBe(true)
    expect(contains('::/0', '2001:db8::1')).toBe(true)
  })

  it('treats IPv4-mapped IPv6 as IPv4, as address and as range', () => {
    expect(parseIpAddress('::ffff:192.0.2.1')).toEqual({ family: 4, value: 0xc0000201 })
    expect(parseIpAddress('::FFFF:c000:0201')).toEqual({ family: 4, value: 0xc0000201 })
    expect(contains('192.0.2.0/24', '::ffff:192.0.2.1')).toBe(true)
    expect(contains('::ffff:192.0.2.0/120', '192.0.2.99')).toBe(true)
    expect(parseCidr('::ffff:10.0.0.0/104')).toMatchObject({ ok: true, canonical: '10.0.0.0/8' })
    // IPv4 and IPv6 never cross: a wide IPv6 range is about IPv6 clients.
    expect(contains('::/0', '192.0.2.1')).toBe(false)
    expect(contains('0.0.0.0/0', '2001:db8::1')).toBe(false)
  })

  it('stores one canonical form per range', () => {
    expect(parseCidr(' 2001:0DB8:0000::/48 ')).toMatchObject({ ok: true, canonical: '2001:db8::/48' })
    expect(parseCidr('10.1.2.3')).toMatchObject({ ok: true, canonical: '10.1.2.3/32' })
    expect(parseCidr('fe80::1:0:0:1')).toMatchObject({ ok: true, canonical: 'fe80::1:0:0:1/128' })
    expect(formatAddress(parseIpAddress('2001:db8:0:0:1:0:0:1')!)).toBe('2001:db8::1:0:0:1')
    expect(formatAddress(parseIpAddress('1:2:3:4:5:6:7:8')!)).toBe('1:2:3:4:5:6:7:8')
  })

  it('refuses bad input with a message that says what to write', () => {
    for (const bad of ['', 'vpn', '10.0.0.0/33', '10.0.0/8', '256.0.0.0/8', '10.0.0.0/-1', '10.0.0.0/8/8', '2001:db8::/129', '2001:db8:::/32', 'fe80::1%eth0', '10.0.0.0/ 8', '10.0.0.0/abc']) {
      const parsed = parseCidr(bad)
      expect(parsed.ok, bad).toBe(false)
    }
    expect(parseCidr('10.1.2.3/8')).toEqual({ ok: false, message: '"10.1.2.3/8" has bits set beyond its prefix: did you mean 10.0.0.0/8?' })
    expect(parseCidr('2001:db8::1/32')).toMatchObject({ ok: false, message: expect.stringContaining('did you mean 2001:db8::/32?') })
    expect(parseCidr('nonsense')).toMatchObject({ ok: false, message: expect.stringContaining('192.0.2.0/24') })
    expect(parseIpAddress('not-an-ip')).toBeNull()
  })
})
