// Pure: is a form POST from one of our own pages?

type HeaderReader = { get(name: string): string | null }

export type PostOriginVerdict = { allow: true; origin?: string } | { allow: false }

/**
 * CSRF check for form posts (server actions), run before Next.js sees them.
 *
 * Our Referrer-Policy is no-referrer (enrollment links carry a secret), and
 * under that policy browsers send `Origin: null` on a plain form POST — so
 * Next.js's own Origin-vs-Host check would refuse every form submitted
 * without JavaScript. The browser's `Sec-Fetch-Site` header, which no page
 * can forge, tells us instead: `same-origin` is one of our pages, and we
 * pass the real origin on for Next.js's check. Anything a browser marks as
 * from elsewhere is refused here, whatever its Origin says.
 */
export function checkPostOrigin(headers: HeaderReader): PostOriginVerdict {
  const site = headers.get('sec-fetch-site')
  const origin = headers.get('origin')
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host')
  if (!host) return { allow: false }
  if (site !== null && site !== 'same-origin') return { allow: false }
  if (site === 'same-origin') return { allow: true, origin: origin && origin !== 'null' ? origin : `http://${host}` }
  // No Sec-Fetch-Site: an older browser, or a program. An Origin must then name us.
  if (origin === null) return { allow: true }
  if (origin === 'null') return { allow: false }
  try {
    return new URL(origin).host === host ? { allow: true, origin } : { allow: false }
  } catch {
    return { allow: false }
  }
}
