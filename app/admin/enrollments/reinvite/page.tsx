import type { Metadata } from 'next'
import Link from 'next/link'
import { StaffShell } from '@/components/staff/staff-shell'
import { STEP_LABELS } from '@/components/staff/stuck-enrollment-filters'
import { card, linkClass, primaryButton } from '@/components/ui'
import { requireStaff } from '@/lib/auth'
import { reinviteSelectionFrom, resolveReinviteSelection } from '@/lib/enrollment'
import { isAppError } from '@/lib/errors'
import { reinviteAction } from '../actions'

export const metadata: Metadata = { title: 'Send new enrollment emails' }
export const dynamic = 'force-dynamic'

const SHOWN = 50

// The confirmation before a bulk re-invitation: a page of its own (reached by
// the list's GET form), so it works without JavaScript. Nothing is sent here.
export default async function ReinvitePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireStaff({ role: 'ADMIN', returnTo: '/admin/enrollments', recent: true })
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(await searchParams)) for (const v of [value ?? []].flat()) params.append(key, v)
  const selection = reinviteSelectionFrom(params)
  let users: { id: string; username: string }[] = []
  let problem: string | null = null
  try {
    users = await resolveReinviteSelection(selection)
    if (users.length === 0) problem = 'None of these people is still waiting to enroll. Nothing was sent.'
  } catch (error) {
    if (!isAppError(error)) throw error
    problem = error.message
  }
  return (
    <StaffShell session={session} current="enrollments">
      <section aria-labelledby="reinvite-title" className={card}>
        <p>
          <Link href="/admin/enrollments" className={linkClass}>
            ← Unfinished enrollments
          </Link>
        </p>
        <h1 id="reinvite-title" className="mt-3 text-2xl font-semibold tracking-tight">
          Send new enrollment emails?
        </h1>
        {problem ? (
          <p role="alert" className="mt-4 rounded-lg border border-red-300 bg-red-50 p-3 text-red-900">
            {problem}
          </p>
        ) : (
          <>
            <p className="mt-4 text-slate-700">
              {users.length === 1 ? 'One person' : `${users.length} people`}
              {selection.step ? ` stuck at “${STEP_LABELS[selection.step]}”` : ''} will get a new enrollment email with a new link. Their earlier links stop working,
              including one they may have started with.
            </p>
            <ul className="mt-3 list-inside list-disc text-slate-900" aria-label="People who will get a new email">
              {users.slice(0, SHOWN).map((u) => (
                <li key={u.id}>{u.username}</li>
              ))}
              {users.length > SHOWN ? <li>and {users.length - SHOWN} more</li> : null}
            </ul>
            <form action={reinviteAction} className="mt-4 flex flex-wrap items-center gap-3">
              {selection.userIds ? users.map((u) => <input key={u.id} type="hidden" name="user" value={u.id} />) : null}
              {selection.step ? (
                <>
                  <input type="hidden" name="scope" value="all" />
                  <input type="hidden" name="step" value={selection.step} />
                  {selection.days ? <input type="hidden" name="days" value={selection.days} /> : null}
                </>
              ) : null}
              <button type="submit" className={primaryButton}>
                {users.length === 1 ? 'Send 1 enrollment email' : `Send ${users.length} enrollment emails`}
              </button>
              <Link href="/admin/enrollments" className={linkClass}>
                Cancel
              </Link>
            </form>
          </>
        )}
      </section>
    </StaffShell>
  )
}
