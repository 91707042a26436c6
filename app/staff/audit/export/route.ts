import { NextResponse, type NextRequest } from 'next/server'
import { exportAuditEvents, ZAuditFilters } from '@/lib/audit'
import { getStaffSession, roleAllows } from '@/lib/auth'
import { requestContext, textStream } from '@/lib/http'

// The audit log as a CSV download, with the audit page's filters. A route
// handler, not a page: it streams (batches of 1,000 rows read as the
// browser takes them), so it checks the staff session itself rather than
// through requireStaff's redirects.
export async function GET(request: NextRequest) {
  // Authorize: a staff session with the helpdesk role or above; without one, sign in first.
  const session = await getStaffSession()
  if (!session) {
    const signIn = new URL('/staff/sign-in', request.nextUrl)
    signIn.searchParams.set('next', '/staff/audit')
    return NextResponse.redirect(signIn, 303)
  }
  if (!roleAllows({ role: session.staff.role, required: 'HELPDESK' })) return new Response('Forbidden\n', { status: 403, headers: { 'Cache-Control': 'no-store' } })

  // Validate: the same filters as the page; anything malformed reads as absent.
  const filters = ZAuditFilters.parse(Object.fromEntries(request.nextUrl.searchParams))

  // Act: records audit.exported, then yields the CSV batch by batch.
  const { staff } = session
  const rows = await exportAuditEvents({ filters, actor: { type: 'STAFF', id: staff.id, label: staff.username }, context: requestContext(request.headers) })

  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '')
  return new Response(textStream(rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-${day}.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
