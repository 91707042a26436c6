import 'server-only'
import { getDb } from '@/lib/db'

export type ActivityEntry = { id: string; at: Date; what: string; detail: string | null; ip: string | null; outcome: 'ok' | 'refused' | 'info' }

const DESCRIBE: Record<string, { what: string; outcome: ActivityEntry['outcome'] }> = {
  'user.signed-in': { what: 'Signed in to this portal', outcome: 'ok' },
  'user.sign-in-rejected': { what: 'Sign-in to this portal refused', outcome: 'refused' },
  'user.signed-out': { what: 'Signed out', outcome: 'info' },
  'validate.accepted': { what: 'VPN or remote desktop sign-in', outcome: 'ok' },
  'validate.rejected': { what: 'VPN or remote desktop sign-in refused', outcome: 'refused' },
  'token.enrolled': { what: 'Token set up', outcome: 'ok' },
  'token.replaced': { what: 'Token replaced by a new one', outcome: 'info' },
  'token.locked': { what: 'Token locked after too many wrong passcodes', outcome: 'refused' },
  'token.renamed': { what: 'Token renamed', outcome: 'info' },
  'token.resynced': { what: 'Token resynchronised', outcome: 'info' },
  'token.reported-lost': { what: 'Token reported lost', outcome: 'info' },
  'token.revoked': { what: 'Token revoked', outcome: 'info' },
  'pin.set': { what: 'PIN set', outcome: 'ok' },
  'pin.changed': { what: 'PIN changed', outcome: 'ok' },
  'pin.reset': { what: 'PIN set with an emailed link', outcome: 'ok' },
  'recovery-codes.created': { what: 'New recovery codes created', outcome: 'info' },
  'invitation.created': { what: 'Enrollment link created', outcome: 'info' },
  'user-link.created': { what: 'Link emailed to you', outcome: 'info' },
  'enrollment.proof-rejected': { what: 'Wrong passcode to replace your token', outcome: 'refused' },
}

/**
 * The user's last 50 events, newest first: sign-ins to the portal and at
 * gateways (with the client address and the result), PIN and token changes.
 * What is shown is chosen here: internal reasons stay in the audit log.
 */
export async function listMyActivity({ userId, limit = 50 }: { userId: string; limit?: number }): Promise<ActivityEntry[]> {
  const db = getDb()
  const tokens = await db.token.findMany({ where: { userId }, select: { id: true } })
  const rows = await db.auditEvent.findMany({
    where: { action: { in: Object.keys(DESCRIBE) }, OR: [{ subjectId: { in: [userId, ...tokens.map((t) => t.id)] } }, { actorId: userId, subjectType: 'user' }] },
    orderBy: { at: 'desc' },
    take: limit,
  })
  return rows.map((row) => {
    const described = DESCRIBE[row.action]!
    const details = row.details ? (JSON.parse(row.details) as Record<string, unknown>) : {}
    const detail =
      row.action === 'token.renamed'
        ? `“${String(details.from)}” → “${String(details.to)}”`
        : row.subjectType === 'token'
          ? `Token ${row.subjectLabel ?? ''}`
          : typeof details.method === 'string'
            ? ({ passcode: 'with PIN and code', 'email-link': 'with an emailed link', 'recovery-code': 'with a recovery code' } as Record<string, string>)[details.method] ?? null
            : typeof details.client === 'string'
              ? `through ${details.client}`
              : null
    return { id: row.id, at: row.at, what: described.what, detail, ip: row.ip, outcome: described.outcome }
  })
}
