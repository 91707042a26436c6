import { getLogoAsset } from '@/lib/branding'

// An uploaded logo, public (it appears on the sign-in page and in emails).
// The name carries the hash of the bytes, so the answer never changes and
// can be cached for a year; a new logo gets a new URL. Its type is the one
// detected at upload; proxy.ts adds nosniff and, for an SVG opened on its
// own, a CSP under which nothing runs or loads.
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const asset = await getLogoAsset((await params).file)
  if (!asset) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  const etag = `"${asset.hash}"`
  const cache = { ETag: etag, 'Cache-Control': 'public, max-age=31536000, immutable' }
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: cache })
  return new Response(Buffer.from(asset.bytes), {
    headers: { ...cache, 'Content-Type': asset.contentType === 'image/svg+xml' ? 'image/svg+xml; charset=utf-8' : asset.contentType, 'Content-Length': String(asset.bytes.length) },
  })
}
