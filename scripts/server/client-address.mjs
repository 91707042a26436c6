// The client's address, decided where the connection arrives, before any
// application code sees the request. Plain JavaScript: the server process
// runs without a TypeScript loader.
import net from 'node:net'

const unmapped = (address) => (address?.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address)

/**
 * A resolver for TRUSTED_PROXIES (comma-separated addresses or CIDR ranges,
 * validated by lib/config). Without trusted proxies the socket's address is
 * the client's and X-Forwarded-For is ignored: anyone can send that header.
 * With them, X-Forwarded-For is read from the right, through the trusted
 * proxies, and the first address that is not one of them is the client's.
 */
export function clientAddressResolver(trustedProxies = '') {
  const trusted = new net.BlockList()
  let any = false
  for (const entry of trustedProxies.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [address, bits] = entry.split('/')
    const family = net.isIPv6(address) ? 'ipv6' : 'ipv4'
    if (bits === undefined) trusted.addAddress(address, family)
    else trusted.addSubnet(address, Number(bits), family)
    any = true
  }
  const isTrusted = (address) => {
    const family = net.isIP(address)
    return family !== 0 && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4')
  }
  /** @param {string | undefined} peer @param {string | string[] | undefined} forwardedFor */
  return (peer, forwardedFor) => {
    let client = unmapped(peer) ?? ''
    if (!any || !isTrusted(client)) return client
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '')).split(',').map((h) => unmapped(h.trim()))
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i]
      // Garbage from beyond the last trusted proxy: the address it saw is all we know.
      if (!net.isIP(hop)) return client
      client = hop
      if (!isTrusted(hop)) return client
    }
    return client
  }
}
