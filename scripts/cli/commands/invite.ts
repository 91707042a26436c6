import { CLI_ACTOR } from '@/lib/audit'
import { getConfig } from '@/lib/config'
import { getDb } from '@/lib/db'
import { inviteUsers } from '@/lib/enrollment'
import { isAppError } from '@/lib/errors'
import { processInvitationJobs, readInvitationJob, startInvitationJob, type InvitationJobProgress } from '@/lib/invitation-jobs'
import type { Output } from '../output'
import { UsageError } from '../usage-error'

export const INVITE_USAGE = ['portal invite <username>... | --all-pending']

// The CLI invites at its own pace (no pacing for a person waiting at a terminal);
// beside a running server's worker, each batch is taken by one of them only.
const CLI_BATCH = 500

export async function runInvite(args: string[], out: Output): Promise<void> {
  const options = args.filter((a) => a.startsWith('--') && a !== '--json')
  const usernames = args.filter((a) => !a.startsWith('--'))
  const allPending = options.includes('--all-pending')
  const unknown = options.find((o) => o !== '--all-pending')
  if (unknown) throw new UsageError(`unknown option ${unknown}; usage: ${INVITE_USAGE[0]}`)
  if (allPending && usernames.length) throw new UsageError('give usernames or --all-pending, not both')
  if (!allPending && usernames.length === 0) throw new UsageError(`name at least one user; usage: ${INVITE_USAGE[0]}`)
  const where = getConfig().smtpUrl
    ? 'Emails are queued for delivery.'
    : 'SMTP_URL is not set: the emails stay in the local outbox (open /dev/mail to read them).'

  if (!allPending) {
    const invited = await inviteUsers({ usernames, actor: CLI_ACTOR })
    const human = `Invited ${invited.length} user(s)${invited.length <= 20 ? `: ${invited.map((i) => i.username).join(', ')}` : ''}. ${where}`
    out.result({ invited: invited.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString() })) }, human)
    return
  }

  // --all-pending: a bulk invitation job, the same as "Invite everyone pending" in the browser.
  let job: { jobId: string; started: boolean }
  try {
    job = await startInvitationJob({ selection: { kind: 'filter', filter: { state: 'pending' } }, actor: CLI_ACTOR })
  } catch (error) {
    if (isAppError(error) && error.code === 'INVALID_INPUT') {
      out.result({ invited: [] }, 'No pending users: everyone has an active token or a live invitation.')
      return
    }
    throw error
  }
  const show = progressPrinter(out)
  if (!job.started) out.info(`A bulk invitation of everyone pending is already running (job ${job.jobId}); following it.`)
  let progress = (await readInvitationJob({ jobId: job.jobId }))!
  show(progress)
  while (progress.state === 'RUNNING' && progress.remaining > 0) {
    await processInvitationJobs({ jobId: job.jobId, batchSize: CLI_BATCH })
    progress = (await readInvitationJob({ jobId: job.jobId }))!
    show(progress)
  }
  // Everyone invited: the job is done now if the outbox has nothing left of it (or delivers nowhere).
  await processInvitationJobs({ jobId: job.jobId })
  progress = (await readInvitationJob({ jobId: job.jobId }))!
  show(progress, true)

  const items = await getDb().invitationJobItem.findMany({
    where: { jobId: job.jobId, invitationId: { not: null } },
    select: { user: { select: { username: true, email: true } }, invitationId: true },
    orderBy: { user: { username: 'asc' } },
  })
  const expiries = new Map(
    (await getDb().enrollmentInvitation.findMany({ where: { id: { in: items.map((i) => i.invitationId!) } }, select: { id: true, expiresAt: true } })).map((i) => [i.id, i.expiresAt]),
  )
  const invited = items.map((i) => ({ username: i.user.username, email: i.user.email, expiresAt: expiries.get(i.invitationId!)?.toISOString() ?? null }))
  const human =
    progress.state === 'CANCELLED'
      ? `The job was cancelled: ${progress.sent} sent, ${progress.cancelled} not invited.`
      : `Invited ${invited.length} user(s)${invited.length <= 20 ? `: ${invited.map((i) => i.username).join(', ')}` : ''}. ${where} Progress: /admin/invitations/${job.jobId}`
  const { total, queued, sent, failed, cancelled, remaining, state } = progress
  out.result({ jobId: job.jobId, started: job.started, state, total, queued, sent, failed, cancelled, remaining, invited }, human)
}

/**
 * Progress on stderr (stdout stays the result, and JSON with --json): a bar
 * redrawn in place on a terminal, plain lines otherwise (a log, a pipe), at
 * most one per tenth of the way so a large run stays readable.
 */
function progressPrinter(out: Output): (progress: InvitationJobProgress, last?: boolean) => void {
  const tty = process.stderr.isTTY === true && !out.json
  let lastTenth = -1
  return (p, last = false) => {
    const invited = p.total - p.remaining - p.cancelled
    const line = `${invited}/${p.total} invited (${p.queued} queued, ${p.sent} sent, ${p.failed} failed, ${p.remaining} remaining)`
    if (tty) {
      const width = 30
      const filled = p.total ? Math.round((invited / p.total) * width) : width
      process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${line}\u001b[K${last ? '\n' : ''}`)
      return
    }
    const tenth = p.total ? Math.floor((invited * 10) / p.total) : 10
    if (tenth !== lastTenth && !last) {
      lastTenth = tenth
      out.info(line)
    }
  }
}
