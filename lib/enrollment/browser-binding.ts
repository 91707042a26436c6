import 'server-only'
import { generateUrlToken, keyedHash, verifyKeyedHash } from '@/lib/crypto'

// Enrollment is bound to the browser that pressed Start. The link alone
// (in a mail scanner's log, a forwarded email, the browser history) shows
// nothing secret and cannot finish someone else's enrollment: Start sets a
// cookie with a random value, its keyed hash is kept with the invitation,
// and the add, check and PIN steps require it.

/** The cookie's name; each link's cookie is scoped to that link's path. */
export const BROWSER_COOKIE = 'tp_enroll'

/** A fresh value for the cookie, and the hash that is stored. */
export function newBrowserBinding(): { value: string; hash: string } {
  const value = generateUrlToken()
  return { value, hash: keyedHash({ purpose: 'browser-binding', value }) }
}

/** Whether the cookie this browser sent is the one Start set. */
export function isBoundBrowser({ browserHash, value }: { browserHash: string | null; value: string | null | undefined }): boolean {
  if (!browserHash || !value || value.length > 64) return false
  return verifyKeyedHash({ purpose: 'browser-binding', value, hash: browserHash })
}
