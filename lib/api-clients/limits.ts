// Limits of an API client's allowed addresses; no imports, so forms in the browser can use them too.

export const MAX_ALLOWED_ADDRESSES = 50
/** The longest input read: 50 of the longest IPv6 ranges with separators. Longer is refused, never cut (a cut list could allow something else). */
export const MAX_ALLOWED_ADDRESSES_TEXT = 2500
