/** See client-address.mjs. */
export function clientAddressResolver(trustedProxies?: string): (peer: string | undefined, forwardedFor: string | string[] | undefined) => string
