// Mail for the fault suite: the SMTP sink, counting what arrives by
// Message-ID, and users to invite.
import { startSmtpSink } from '../../smtp-sink'

export type MailSink = Awaited<ReturnType<typeof startSmtpSink>> & {
  /** Arrivals per Message-ID. */
  arrivals: Map<string, number>
  /** Messages received, duplicates included. */
  received(): number
}

export async function startMailSink(): Promise<MailSink> {
  const arrivals = new Map<string, number>()
  let received = 0
  const sink = await startSmtpSink({
    onMessage: (message) => {
      received++
      const id = message.messageId ?? `(none) ${received}`
      arrivals.set(id, (arrivals.get(id) ?? 0) + 1)
    },
  })
  return Object.assign(sink, { arrivals, received: () => received })
}

/** `count` active users without a token, and invitations for all of them (as `portal invite --all-pending`): one queued email each. */
export async function inviteNewUsers({ count, prefix }: { count: number; prefix: string }): Promise<void> {
  const { getDb } = await import('../../../lib/db')
  const { CLI_ACTOR } = await import('../../../lib/audit')
  const { inviteUsers } = await import('../../../lib/enrollment')
  for (let i = 0; i < count; i += 1000) {
    await getDb().user.createMany({
      data: Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({ username: `${prefix}${i + j}`, email: `${prefix}${i + j}@example.com` })),
    })
  }
  const invited = await inviteUsers({ allPending: true, actor: CLI_ACTOR })
  if (invited.length !== count) throw new Error(`invited ${invited.length} users, expected ${count}`)
}

/** What the sink received against what the outbox holds: every message once, by its stable Message-ID. */
export async function compareWithOutbox(sink: MailSink): Promise<{ queued: number; lost: number; duplicated: number; unknown: number; statuses: Record<string, number> }> {
  const { getDb } = await import('../../../lib/db')
  const rows = await getDb().outboxMessage.findMany({ select: { messageId: true, status: true } })
  const known = new Set(rows.map((r) => r.messageId))
  const statuses: Record<string, number> = {}
  for (const row of rows) statuses[row.status] = (statuses[row.status] ?? 0) + 1
  return {
    queued: rows.length,
    lost: rows.filter((r) => !sink.arrivals.has(r.messageId)).length,
    duplicated: [...sink.arrivals.values()].reduce((sum, n) => sum + n - 1, 0),
    unknown: [...sink.arrivals.keys()].filter((id) => !known.has(id)).length,
    statuses,
  }
}
