import type { NextRequest } from 'next/server'

// The brand colour as a stylesheet: `/branding/theme.css?colour=rrggbb`.
// A stylesheet, not an inline <style>: when an admin changes the colour, the
// client router re-renders the root layout with a new URL here, which loads
// under `style-src 'self'`, while a new inline style would need the nonce of
// the page's first load and be blocked. The answer depends only on the URL,
// so it is cached for a year.
export function GET(request: NextRequest) {
  const colour = request.nextUrl.searchParams.get('colour') ?? ''
  if (!/^[0-9a-f]{6}$/.test(colour)) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return new Response(`:root{--brand:#${colour}}\n`, { headers: { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable' } })
}
