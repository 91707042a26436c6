'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { requireStaff, staffActor } from '@/lib/auth'
import { requestContext } from '@/lib/http'
import { runMaintenance } from '@/lib/maintenance'

// Thin: authorize → act → respond. Administrators with a recent sign-in
// only (a run disables or revokes tokens), checked here as on the
// confirmation page. The run is audited in the administrator's name, each
// token's change in the maintenance actor's (lib/maintenance). CSRF:
// proxy.ts refuses posts from other sites. Nothing to validate: the form
// carries no input.

const PAGE = '/admin/maintenance'

export async function runMaintenanceAction(): Promise<void> {
  const session = await requireStaff({ role: 'ADMIN', returnTo: `${PAGE}/run`, recent: true })
  const { dormant } = await runMaintenance({ actor: staffActor(session), context: requestContext(await headers()), listLimit: 0 })
  const { warn, disable, revoke } = dormant.counts
  redirect(`${PAGE}?done=ran&warned=${warn}&disabled=${disable}&revoked=${revoke}`)
}
