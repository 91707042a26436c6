import { NextResponse, type NextRequest } from 'next/server'
import { exportAuditEvents, ZAuditFilters } from '@/lib/audit'
import { getStaffSession, staffActor } from '@/lib/auth'
import { requestContext, textStream } from '@/lib/http'

// The audit log as a CSV download, with the audit page's filters. A route
// handler, not a page: it streams (batches of 1,000 rows read as the
// browser takes them), so it checks the staff session itself rather than
// through requireStaff's redirects.
export async function GET(request: NextRequest) {
  // Authorize: any staff session (helpdesk is the lowest role); without one, sign in first.
  const session = await getStaffSession()
  if (!session) {
    const signIn = new URL('/staff/sign-in', request.nextUrl)
    signIn.searchParams.set('next', '/staff/audit')
    return NextResponse.redirect(signIn, 303)
  }

  // Validate: the same filters as the page; anything malformed reads as absent.
  const filters = ZAuditFilters.parse(Object.fromEntries(request.nextUrl.searchParams))

  // Act: records audit.exported, then yields the CSV batch by batch.
  const rows = await exportAuditEvents({ filters, actor: staffActor(session), context: requestContext(request.headers) })

  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '')
  return new Response(textStream(rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-${day}.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
