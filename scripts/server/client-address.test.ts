import { describe, expect, it } from 'vitest'
import { clientAddressResolver } from './client-address.mjs'

describe('clientAddressResolver', () => {
  it('takes the socket address and ignores X-Forwarded-For when no proxy is trusted', () => {
    const resolve = clientAddressResolver('')
    expect(resolve('203.0.113.9', '198.51.100.1')).toBe('203.0.113.9')
    expect(resolve('::ffff:203.0.113.9', undefined)).toBe('203.0.113.9')
    expect(resolve('2001:db8::7', '10.0.0.1, 10.0.0.2')).toBe('2001:db8::7')
  })

  it('believes trusted proxies only, reading from the right', () => {
    const resolve = clientAddressResolver('10.0.0.0/8, 192.0.2.10, 2001:db8:ffff::/48')
    // Through one proxy: the address it saw.
    expect(resolve('10.1.2.3', '198.51.100.7')).toBe('198.51.100.7')
    // A client that sends its own X-Forwarded-For cannot choose what is believed.
    expect(resolve('10.1.2.3', '1.2.3.4, 198.51.100.7')).toBe('198.51.100.7')
    // Through two trusted proxies.
    expect(resolve('192.0.2.10', '198.51.100.7, 10.9.9.9')).toBe('198.51.100.7')
    expect(resolve('2001:db8:ffff::1', '2001:db8:1::5')).toBe('2001:db8:1::5')
    // An untrusted socket: its header means nothing.
    expect(resolve('203.0.113.50', '198.51.100.7')).toBe('203.0.113.50')
    // Garbage behind the proxy: the proxy's own view stops there.
    expect(resolve('10.1.2.3', '<script>, 198.51.100.7')).toBe('198.51.100.7')
    expect(resolve('10.1.2.3', 'not-an-ip')).toBe('10.1.2.3')
    // Only proxies in the header: the left-most is as far as we can see.
    expect(resolve('10.1.2.3', '10.4.4.4')).toBe('10.4.4.4')
    expect(resolve('10.1.2.3', undefined)).toBe('10.1.2.3')
  })
})
