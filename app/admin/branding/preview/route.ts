import type { NextRequest } from 'next/server'
import { getStaffSession, roleAllows } from '@/lib/auth'
import { brandFromSettings, isEmailTemplate, previewEmail, ZEmailText } from '@/lib/mail'
import { getSettings } from '@/lib/settings'

const text = (body: string, status = 200) => new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })

// One email rendered with its example props and the (possibly unsaved)
// subject and introduction from the query, by the sender's own renderEmail:
// `part=html` the HTML part, `part=text` the plain-text part. Framed by the
// branding page; proxy.ts gives it a sandboxed CSP that allows the email's
// inline styles and nothing that runs. Reads only; changes nothing.
export async function GET(request: NextRequest) {
  // Authorize: administrators only (an iframe cannot follow a sign-in flow: a plain refusal).
  const session = await getStaffSession()
  if (!session || !roleAllows({ role: session.staff.role, required: 'ADMIN' })) return text('Administrators only.', 403)

  // Validate: a known template; the text under the same rules as saving.
  const query = request.nextUrl.searchParams
  const template = query.get('template')
  if (!isEmailTemplate(template)) return text('Unknown email template.', 404)
  const parsed = ZEmailText.safeParse({ subject: (query.get('subject') ?? '').slice(0, 400), intro: (query.get('intro') ?? '').slice(0, 2000) })
  if (!parsed.success) return text(`Cannot preview yet: ${parsed.error.issues.map((i) => i.message).join(' ')}`)

  // Act: render exactly as sending would.
  const email = previewEmail({ template, brand: brandFromSettings(await getSettings()), text: parsed.data })
  if (query.get('part') === 'text') return text(`Subject: ${email.subject}\n\n${email.text}`)
  return new Response(email.html, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } })
}
