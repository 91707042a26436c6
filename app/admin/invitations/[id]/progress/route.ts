import { NextResponse, type NextRequest } from 'next/server'
import { getStaffSession, roleAllows } from '@/lib/auth'
import { readInvitationJob } from '@/lib/invitation-jobs'

// The job page's live figures as JSON, polled every 1.5 s by its client
// component. A route handler checks the session itself (no redirects for a
// fetch): administrators only, as the page.
export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const session = await getStaffSession()
  if (!session) return NextResponse.json({ error: 'Sign in first.' }, { status: 401, headers: { 'Cache-Control': 'no-store' } })
  if (!roleAllows({ role: session.staff.role, required: 'ADMIN' })) return NextResponse.json({ error: 'Administrators only.' }, { status: 403, headers: { 'Cache-Control': 'no-store' } })
  const { id } = await params
  const job = id.length <= 64 ? await readInvitationJob({ jobId: id }) : null
  if (!job) return NextResponse.json({ error: 'No such invitation job.' }, { status: 404, headers: { 'Cache-Control': 'no-store' } })
  const { state, total, queued, sent, failed, cancelled, remaining, percent } = job
  return NextResponse.json({ state, total, queued, sent, failed, cancelled, remaining, percent }, { headers: { 'Cache-Control': 'no-store' } })
}
