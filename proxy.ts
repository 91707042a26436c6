import { NextResponse, type NextRequest } from 'next/server'
import { buildSecurityHeaders } from '@/lib/http'

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
    mailPreview: /^\/dev\/mail\/[^/]+\/html$/.test(request.nextUrl.pathname),
  })
  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('x-nonce', nonce)
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy'] ?? '')

  const response = NextResponse.next({ request: { headers: requestHeaders } })
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value)
  return response
}

export const config = {
  // Everything, static files included.
  matcher: '/:path*',
}
