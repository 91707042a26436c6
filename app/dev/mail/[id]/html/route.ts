import { getConfig } from '@/lib/config'
import { getOutboxMessage } from '@/lib/mail'

export const dynamic = 'force-dynamic'

// The HTML part as its own document, as a mail client would show it. Its CSP
// (set in proxy.ts) allows the email's inline styles and nothing that runs.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!getConfig().mailPreview) return new Response('Not found', { status: 404 })
  const message = await getOutboxMessage({ id: (await params).id })
  if (!message) return new Response('Not found', { status: 404 })
  return new Response(message.html, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } })
}
