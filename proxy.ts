import { NextResponse, type NextRequest } from 'next/server'
import { SESSION_COOKIE_NAMES, STAFF_SESSION_COOKIE_NAMES } from '@/lib/auth/session-cookie-names'
import { buildSecurityHeaders, checkPostOrigin, formPostLimit, isOverFormPostLimit, securedResourceFor } from '@/lib/http'

const PORTAL_PAGES = /^\/(tokens|recovery-codes|activity)(\/|$)/
// Staff and admin pages that need a staff session (every one but sign-in and the set-up links).
const STAFF_PAGES = /^\/(staff(?!\/(sign-in|setup)(\/|$))|admin)(\/|$)/

/**
 * Security headers on every response, pages, API and static files alike.
 * Next.js reads the nonce from the request's Content-Security-Policy header
 * and puts it on the inline scripts it renders.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64')
  const headers = buildSecurityHeaders({
    nonce,
    appUrl: process.env.APP_URL ?? 'http://localhost:3000',
    isDev: process.env.NODE_ENV === 'development',
    resource: securedResourceFor(request.nextUrl.pathname),
  })
  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('x-nonce', nonce)

  // Form posts to pages (server actions) only from our own pages; the API
  // authenticates its callers by key instead. See lib/http/check-post-origin.
  if (request.method === 'POST' && !request.nextUrl.pathname.startsWith('/api/')) {
    const verdict = checkPostOrigin(request.headers)
    if (!verdict.allow) return refuse(403, 'This form was sent from another site, so it was refused. Open the page again and retry.', headers)
    const limit = formPostLimit({ path: request.nextUrl.pathname, hasStaffCookie: STAFF_SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name)) })
    if (isOverFormPostLimit({ contentLength: request.headers.get('content-length'), limit })) {
      return refuse(413, `This form sent more than the portal accepts (at most ${Math.round(limit / 2 ** 20)} MB). Go back and send less.`, headers)
    }
    if (verdict.origin) requestHeaders.set('origin', verdict.origin)
  }
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy'] ?? '')

  // Signed-in pages without a session cookie: to sign-in before anything
  // renders, so a link followed in the browser never shows an empty page on
  // its way there. (With a cookie, each page checks its session itself.)
  const path = request.nextUrl.pathname
  const staffPage = STAFF_PAGES.test(path)
  if (request.method === 'GET' && (staffPage || PORTAL_PAGES.test(path)) && !(staffPage ? STAFF_SESSION_COOKIE_NAMES : SESSION_COOKIE_NAMES).some((name) => request.cookies.has(name))) {
    const signIn = new URL(staffPage ? '/staff/sign-in' : '/sign-in', request.nextUrl)
    signIn.searchParams.set('next', request.nextUrl.pathname)
    const response = NextResponse.redirect(signIn, 307)
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value)
    return response
  }

  const response = NextResponse.next({ request: { headers: requestHeaders } })
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value)
  return response
}

/** A plain-text refusal with the usual security headers. */
function refuse(status: number, message: string, headers: Record<string, string>): NextResponse {
  const refused = new NextResponse(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value)
  return refused
}

export const config = {
  // Everything, static files included.
  matcher: '/:path*',
}
